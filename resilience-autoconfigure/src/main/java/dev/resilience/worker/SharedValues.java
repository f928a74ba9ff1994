package dev.resilience.worker;

import java.time.Duration;
import java.util.stream.IntStream;

/**
 * Shared instances of the values that nearly every worker spec repeats (whole seconds up to a
 * minute, and fixed delays of them), so a tree of many workers keeps one of each rather than one
 * per worker. The values are immutable and compared with {@code equals}, so sharing changes
 * nothing but the heap.
 */
final class SharedValues {

	private static final int MAX_SECONDS = 60;

	private static final Duration[] SECONDS = IntStream.rangeClosed(0, MAX_SECONDS)
		.mapToObj(Duration::ofSeconds)
		.toArray(Duration[]::new);

	/** Indexed by seconds; none at 0, as a fixed delay is positive. */
	private static final Schedule[] FIXED_DELAYS = IntStream.rangeClosed(0, MAX_SECONDS)
		.mapToObj((seconds) -> (seconds > 0) ? new Schedule.FixedDelay(SECONDS[seconds]) : null)
		.toArray(Schedule[]::new);

	private SharedValues() {
	}

	/**
	 * @param duration a duration, or {@code null}
	 * @return a shared instance equal to it, or itself
	 */
	static Duration duration(Duration duration) {
		int index = index(duration);
		return (index >= 0) ? SECONDS[index] : duration;
	}

	/**
	 * @param delay the delay between runs
	 * @return a fixed delay of it, shared if it is a common one
	 */
	static Schedule fixedDelay(Duration delay) {
		int index = index(delay);
		return (index > 0) ? FIXED_DELAYS[index] : new Schedule.FixedDelay(delay);
	}

	private static int index(Duration duration) {
		if (duration == null || duration.getNano() != 0 || duration.getSeconds() < 0
				|| duration.getSeconds() > MAX_SECONDS) {
			return -1;
		}
		return (int) duration.getSeconds();
	}

}
