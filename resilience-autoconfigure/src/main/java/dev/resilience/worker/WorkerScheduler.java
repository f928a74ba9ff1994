package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where workers' runs are scheduled: the only thing the worker runtime needs from a scheduler.
 * In a Spring application it is Spring's {@code TaskScheduler}; without Spring, a JDK
 * {@link ScheduledExecutorService} ({@link #of}).
 *
 * <p>A worker schedules one periodic task per incarnation, so the scheduler re-queues one task
 * per run instead of allocating a new one. A scheduler that cannot run fixed-delay tasks on its
 * pool keeps the default {@link #scheduleWithFixedDelay}, which schedules one task per run.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkerScheduler {

	/**
	 * Schedules a task once.
	 * @param task the task; it must not throw
	 * @param delay how long from now
	 * @return a future that cancels the task
	 * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
	 */
	ScheduledFuture<?> schedule(Runnable task, Duration delay);

	/**
	 * Runs a task repeatedly, each run starting {@code delay} after the previous one ended, until
	 * the returned future is cancelled. Runs never overlap.
	 * @param task the task; it must not throw
	 * @param initialDelay how long from now the first run starts
	 * @param delay the delay between the end of one run and the start of the next
	 * @return a future that cancels the next runs; its delay is the time to the next run
	 * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
	 */
	default ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
		return new ReschedulingTask(this, task, delay).start(initialDelay);
	}

	/**
	 * @param executor a JDK scheduled executor
	 * @return a scheduler that runs tasks on it, fixed-delay tasks as the executor's own
	 * periodic tasks
	 */
	static WorkerScheduler of(ScheduledExecutorService executor) {
		return new WorkerScheduler() {

			@Override
			public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
				return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
			}

			@Override
			public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
				return executor.scheduleWithFixedDelay(task, initialDelay.toNanos(), delay.toNanos(),
						TimeUnit.NANOSECONDS);
			}

		};
	}

}
