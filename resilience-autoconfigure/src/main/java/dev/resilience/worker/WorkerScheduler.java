package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs a task once after a delay: the only thing the worker runtime needs from a scheduler. In
 * a Spring application it is Spring's {@code TaskScheduler}; without Spring, a
 * {@link java.util.concurrent.ScheduledExecutorService} does: {@code executor::schedule} with
 * the delay in nanoseconds ({@link #of}).
 */
@FunctionalInterface
public interface WorkerScheduler {

	/**
	 * Schedules a task.
	 * @param task the task; it must not throw
	 * @param delay how long from now
	 * @return a future that cancels the task
	 * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
	 */
	ScheduledFuture<?> schedule(Runnable task, Duration delay);

	/**
	 * @param executor a JDK scheduled executor
	 * @return a scheduler that runs tasks on it
	 */
	static WorkerScheduler of(java.util.concurrent.ScheduledExecutorService executor) {
		return (task, delay) -> executor.schedule(task, delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
	}

}
