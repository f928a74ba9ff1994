package dev.resilience.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * Restart backoff of one worker, after Pekko's {@code BackoffSupervisor} and Kubernetes'
 * CrashLoopBackOff: the delay between the n-th crash in a row and the first run of the
 * restarted worker is {@code initial × multiplier^(n-1)}, capped at {@code max}, randomised by
 * ±{@code jitter}. It replaces the interval for that one delay. The count goes back to the first
 * crash once a restarted worker has run for {@code resetAfter} without crashing, counted from its
 * first run. Immutable.
 *
 * @param initial the delay after the first crash in a row, positive
 * @param max the longest delay, at least {@code initial}
 * @param multiplier how much each crash in a row multiplies the delay, at least 1
 * @param jitter the random spread of each delay, as a fraction of it, from 0 to 1
 * @param resetAfter how long a restarted worker must run without crashing before the delay goes
 * back to {@code initial}, positive
 * @since 0.1.0
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, Duration resetAfter) {

	/** The default multiplier: 2. */
	public static final double DEFAULT_MULTIPLIER = 2;

	/** The default jitter: 0.2, that is ±20%. */
	public static final double DEFAULT_JITTER = 0.2;

	/** How many times {@code initial} the default {@code max} is: 32, five doublings. */
	public static final int DEFAULT_MAX_FACTOR = 32;

	public Backoff {
		Objects.requireNonNull(initial, "initial");
		Objects.requireNonNull(max, "max");
		Objects.requireNonNull(resetAfter, "resetAfter");
		requirePositive("initial", initial);
		requirePositive("max", max);
		requirePositive("resetAfter", resetAfter);
		if (max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("backoff max must be at least initial (" + initial + "), was " + max);
		}
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("backoff multiplier must be a number of at least 1, was " + multiplier);
		}
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new IllegalArgumentException("backoff jitter must be from 0 to 1, was " + jitter);
		}
	}

	/**
	 * A backoff with the default multiplier and jitter, reset after twice {@code max}.
	 * @param initial the delay after the first crash in a row
	 * @param max the longest delay
	 * @return the backoff
	 */
	public static Backoff of(Duration initial, Duration max) {
		return new Backoff(initial, max, DEFAULT_MULTIPLIER, DEFAULT_JITTER, max.multipliedBy(2));
	}

	/**
	 * The delay between the n-th crash in a row and the first run of the restarted worker.
	 * @param crashesInRow n, 1 or more
	 * @param random a number from 0 (inclusive) to 1 (exclusive) that places the delay within the
	 * jitter: 0 gives the shortest delay, 0.5 the middle one
	 * @return {@code min(max, initial × multiplier^(n-1)) × (1 + jitter × (2 × random − 1))}, so
	 * from {@code (1 - jitter)} to {@code (1 + jitter)} times the capped delay
	 */
	public Duration delay(long crashesInRow, double random) {
		if (crashesInRow < 1) {
			throw new IllegalArgumentException("crashes in a row must be 1 or more, was " + crashesInRow);
		}
		double grown = nanos(this.initial) * Math.pow(this.multiplier, crashesInRow - 1);
		double capped = Math.min(grown, nanos(this.max));
		return Duration.ofNanos((long) (capped * (1 + this.jitter * (2 * random - 1))));
	}

	private static double nanos(Duration duration) {
		return duration.getSeconds() * 1e9 + duration.getNano();
	}

	private static void requirePositive(String what, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("backoff " + what + " must be a positive duration, was " + value);
		}
	}

}
