package dev.resilience.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * A supervisor's restart intensity: more than {@code maxRestarts} restarts within
 * {@code period} (a sliding window) make it give up, as OTP's {@code intensity} and
 * {@code period} do.
 *
 * @param maxRestarts the restarts allowed within the period, zero or more
 * @param period the length of the sliding window, positive
 *
 * @since 0.1.0
 */
public record Intensity(int maxRestarts, Duration period) {

	/** The default number of restarts, OTP's 3. */
	public static final int DEFAULT_MAX_RESTARTS = 3;

	/** OTP's default: 3 restarts in 5 seconds. */
	public static final Intensity DEFAULT = new Intensity(DEFAULT_MAX_RESTARTS, Duration.ofSeconds(5));

	/** The last intensity derived: a tree derives the same one for every worker of one interval. */
	private static volatile Intensity lastDerived = DEFAULT;

	public Intensity {
		Objects.requireNonNull(period, "period");
		if (maxRestarts < 0) {
			throw new IllegalArgumentException("maxRestarts must be 0 or more, was " + maxRestarts);
		}
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("period must be a positive duration, was " + period);
		}
	}

	/**
	 * The intensity of a supervisor looking after one periodic worker: enough restarts that a
	 * worker failing on every run is restarted forever without its supervisor giving up,
	 * {@code ceil(period / interval) + 1}.
	 * @param interval the worker's interval between runs, positive
	 * @param period the supervisor's period, positive
	 * @return the derived intensity, for example 6 restarts for 1 s in 5 s, 51 for 100 ms in 5 s
	 */
	public static Intensity derivedFrom(Duration interval, Duration period) {
		Objects.requireNonNull(interval, "interval");
		Objects.requireNonNull(period, "period");
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("interval must be a positive duration, was " + interval);
		}
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException("period must be a positive duration, was " + period);
		}
		long intervalNanos = interval.toNanos();
		long ceil = (period.toNanos() + intervalNanos - 1) / intervalNanos;
		int maxRestarts = Math.toIntExact(Math.min(ceil + 1, Integer.MAX_VALUE));
		Intensity last = lastDerived;
		if (last.maxRestarts() == maxRestarts && last.period().equals(period)) {
			return last;
		}
		Intensity derived = new Intensity(maxRestarts, period);
		lastDerived = derived;
		return derived;
	}

	@Override
	public String toString() {
		return this.maxRestarts + " restarts in " + this.period;
	}

}
