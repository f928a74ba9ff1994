package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import dev.resilience.worker.Backoff;

/**
 * Resolves {@code resilience.workers.<name>.backoff.*} into a {@link Backoff}: off unless
 * {@code initial} is set, any other key set without it rejected rather than ignored.
 */
final class BackoffResolution {

	private BackoffResolution() {
	}

	/** @return the worker's backoff, or {@code null} for none */
	static Backoff resolve(String worker, BackoffProperties backoff) {
		String prefix = PropertyKeys.mapKey("resilience.workers", worker) + ".backoff.";
		if (backoff.initial() == null) {
			rejectWithoutInitial(prefix, "max", Durations.text(backoff.max()), backoff.max() != null);
			rejectWithoutInitial(prefix, "multiplier", backoff.multiplier(), backoff.multiplier() != null);
			rejectWithoutInitial(prefix, "jitter", backoff.jitter(), backoff.jitter() != null);
			rejectWithoutInitial(prefix, "reset-after", Durations.text(backoff.resetAfter()),
					backoff.resetAfter() != null);
			return null;
		}
		Duration initial = Durations.positive(prefix + "initial", backoff.initial());
		Duration max = (backoff.max() != null) ? Durations.positive(prefix + "max", backoff.max())
				: initial.multipliedBy(Backoff.DEFAULT_MAX_FACTOR);
		if (max.compareTo(initial) < 0) {
			throw new InvalidResiliencePropertyException(prefix + "max", Durations.text(max),
					"a duration of at least " + prefix + "initial (" + Durations.text(initial) + ")");
		}
		double multiplier = (backoff.multiplier() != null) ? backoff.multiplier() : Backoff.DEFAULT_MULTIPLIER;
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new InvalidResiliencePropertyException(prefix + "multiplier", backoff.multiplier(),
					"a number of at least 1, such as 2 (1 keeps the initial delay)");
		}
		double jitter = (backoff.jitter() != null) ? backoff.jitter() : Backoff.DEFAULT_JITTER;
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new InvalidResiliencePropertyException(prefix + "jitter", backoff.jitter(),
					"a number from 0 to 1, such as 0.2 for ±20% (0 for no jitter)");
		}
		Duration resetAfter = (backoff.resetAfter() != null)
				? Durations.positive(prefix + "reset-after", backoff.resetAfter()) : max.multipliedBy(2);
		return new Backoff(initial, max, multiplier, jitter, resetAfter);
	}

	private static void rejectWithoutInitial(String prefix, String key, Object value, boolean set) {
		if (set) {
			throw new InvalidResiliencePropertyException(prefix + key, value,
					"no value unless " + prefix + "initial is set too: backoff is off without it");
		}
	}

}
