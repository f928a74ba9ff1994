package dev.resilience.worker;

import java.time.Duration;
import java.util.Objects;

import dev.resilience.supervisor.Restart;

/**
 * What a periodic worker is: its name, timing and restart type. Immutable.
 *
 * @param name the worker's name, unique in the application
 * @param interval the delay between the end of one run and the start of the next, positive
 * @param initialDelay the delay before the first run after the worker first starts, zero or
 * positive; a restarted worker waits {@code interval} instead
 * @param timeout how long a run may take before it is interrupted and counted as a crash, or
 * {@code null} for no limit
 * @param shutdownTimeout how long a run in progress may take to finish when the worker is
 * stopped, before it is interrupted
 * @param restart when the worker is restarted after it exits
 *
 * @since 0.1.0
 */
public record WorkerSpec(String name, Duration interval, Duration initialDelay, Duration timeout,
		Duration shutdownTimeout, Restart restart) {

	public WorkerSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(interval, "interval");
		Objects.requireNonNull(initialDelay, "initialDelay");
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		Objects.requireNonNull(restart, "restart");
		requirePositive("interval", interval, name);
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException(
					"initialDelay of worker '" + name + "' must be zero or positive, was " + initialDelay);
		}
		if (timeout != null) {
			requirePositive("timeout", timeout, name);
		}
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"shutdownTimeout of worker '" + name + "' must be zero or positive, was " + shutdownTimeout);
		}
	}

	/**
	 * A permanent worker whose first run comes one interval after start, with no run timeout
	 * and a 5 s shutdown timeout.
	 * @param name the worker's name
	 * @param interval the delay between runs
	 * @return the spec
	 */
	public static WorkerSpec of(String name, Duration interval) {
		return new WorkerSpec(name, interval, interval, null, Duration.ofSeconds(5), Restart.PERMANENT);
	}

	private static void requirePositive(String what, Duration value, String name) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(
					what + " of worker '" + name + "' must be a positive duration, was " + value);
		}
	}

}
