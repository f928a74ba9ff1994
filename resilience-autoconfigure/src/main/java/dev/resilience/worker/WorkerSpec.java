package dev.resilience.worker;

import java.time.Duration;
import java.util.Objects;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Restart;

/**
 * What a periodic worker is: its name, schedule, timing and restart type. Immutable.
 *
 * @param name the worker's name, unique in the application
 * @param schedule when it runs: fixed delay, fixed rate or cron
 * @param initialDelay the delay before the first run after the worker first starts, zero or
 * positive, or {@code null} for the schedule's first tick (a cron worker's next fire time); a
 * restarted worker waits one interval instead, or until the next fire time for cron
 * @param timeout how long a run may take before it is interrupted and counted as a crash, or
 * {@code null} for no limit
 * @param shutdownTimeout how long a run in progress may take to finish when the worker is
 * stopped, before it is interrupted
 * @param restart when the worker is restarted after it exits
 * @param backoff the delay between a crash and the first run of the restarted worker, or
 * {@code null} for none (a restarted worker then waits one interval, or for cron its next fire)
 * @since 0.1.0
 */
public record WorkerSpec(String name, Schedule schedule, Duration initialDelay, Duration timeout,
		Duration shutdownTimeout, Restart restart, Backoff backoff) {

	public WorkerSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(schedule, "schedule");
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		Objects.requireNonNull(restart, "restart");
		if (initialDelay != null && initialDelay.isNegative()) {
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
		initialDelay = SharedValues.duration(initialDelay);
		timeout = SharedValues.duration(timeout);
		shutdownTimeout = SharedValues.duration(shutdownTimeout);
	}

	/**
	 * A worker without restart backoff.
	 * @param name the worker's name
	 * @param schedule when it runs
	 * @param initialDelay the delay before the first run, or {@code null} for the schedule's first tick
	 * @param timeout the run timeout, or {@code null}
	 * @param shutdownTimeout how long a run may take to finish at shutdown
	 * @param restart when the worker is restarted
	 */
	public WorkerSpec(String name, Schedule schedule, Duration initialDelay, Duration timeout,
			Duration shutdownTimeout, Restart restart) {
		this(name, schedule, initialDelay, timeout, shutdownTimeout, restart, null);
	}

	/**
	 * A worker on a fixed delay.
	 * @param name the worker's name
	 * @param interval the delay between the end of one run and the start of the next, positive
	 * @param initialDelay the delay before the first run, zero or positive
	 * @param timeout the run timeout, or {@code null}
	 * @param shutdownTimeout how long a run may take to finish at shutdown
	 * @param restart when the worker is restarted
	 */
	public WorkerSpec(String name, Duration interval, Duration initialDelay, Duration timeout, Duration shutdownTimeout,
			Restart restart) {
		this(name, fixedDelay(name, interval), Objects.requireNonNull(initialDelay, "initialDelay"), timeout,
				shutdownTimeout, restart);
	}

	/**
	 * A permanent worker on a fixed delay whose first run comes one interval after start, with
	 * no run timeout and a 5 s shutdown timeout.
	 * @param name the worker's name
	 * @param interval the delay between runs
	 * @return the spec
	 */
	public static WorkerSpec of(String name, Duration interval) {
		return new WorkerSpec(name, interval, interval, null, ChildSpec.DEFAULT_SHUTDOWN_TIMEOUT, Restart.PERMANENT);
	}

	/**
	 * @return the interval that stands for the schedule: the delay, the rate, or a cron
	 * schedule's shortest gap between fires
	 */
	public Duration interval() {
		return this.schedule.interval();
	}

	/**
	 * @param schedule another schedule
	 * @return a copy on that schedule
	 */
	public WorkerSpec withSchedule(Schedule schedule) {
		return new WorkerSpec(this.name, schedule, this.initialDelay, this.timeout, this.shutdownTimeout, this.restart,
				this.backoff);
	}

	/**
	 * @param timeout another run timeout, or {@code null}
	 * @return a copy with that run timeout
	 */
	public WorkerSpec withTimeout(Duration timeout) {
		return new WorkerSpec(this.name, this.schedule, this.initialDelay, timeout, this.shutdownTimeout, this.restart,
				this.backoff);
	}

	/**
	 * @param backoff a restart backoff, or {@code null} for none
	 * @return a copy with that backoff
	 */
	public WorkerSpec withBackoff(Backoff backoff) {
		return new WorkerSpec(this.name, this.schedule, this.initialDelay, this.timeout, this.shutdownTimeout,
				this.restart, backoff);
	}

	private static Schedule fixedDelay(String name, Duration interval) {
		Objects.requireNonNull(interval, "interval");
		requirePositive("interval", interval, name);
		return Schedule.fixedDelay(interval);
	}

	private static void requirePositive(String what, Duration value, String name) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(
					what + " of worker '" + name + "' must be a positive duration, was " + value);
		}
	}

}
