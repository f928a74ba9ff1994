package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.resilience.runtime.Timer;

/**
 * What times a worker's ticks: the only thing the worker runtime needs from a timer. Its tasks
 * only decide and hand over; the runs themselves go to the runtime's run threads
 * ({@link WorkerRuntime#runThreads()}). In a tree it is the tree's one {@link Timer}
 * ({@link #of(Timer)}); a test may pass a manual one whose {@link #nanoTime()} it controls.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkerScheduler {

	/** A scheduler that only tells the time ({@link System#nanoTime()}); it schedules nothing. */
	WorkerScheduler SYSTEM_TIME = (task, delay) -> {
		throw new UnsupportedOperationException("SYSTEM_TIME only tells the time");
	};

	/**
	 * Schedules a task once.
	 * @param task the task; it must not throw, block or call user code
	 * @param delay how long from now
	 * @return a future that cancels the task
	 * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
	 */
	ScheduledFuture<?> schedule(Runnable task, Duration delay);

	/** @return the current time on the monotonic scale delays are timed on, in nanoseconds */
	default long nanoTime() {
		return System.nanoTime();
	}

	/**
	 * @param timer the tree's one timer
	 * @return a scheduler that times ticks on it
	 */
	static WorkerScheduler of(Timer timer) {
		return new WorkerScheduler() {

			@Override
			public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
				return timer.schedule(task, delay);
			}

			@Override
			public long nanoTime() {
				return timer.nanoTime();
			}

		};
	}

	/**
	 * @param executor a JDK scheduled executor
	 * @return a scheduler that times ticks on it
	 */
	static WorkerScheduler of(ScheduledExecutorService executor) {
		return (task, delay) -> executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
	}

}
