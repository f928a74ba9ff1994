package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import dev.resilience.worker.WorkerScheduler;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Schedules workers' runs on Spring's {@link TaskScheduler}. A {@link ThreadPoolTaskScheduler}
 * runs each worker as one periodic fixed-delay task; other schedulers, such as the
 * {@code SimpleAsyncTaskScheduler} used on virtual threads, get one task per run, because
 * Spring runs their fixed-delay tasks on a single scheduler thread, where one hung run would
 * hold up every worker.
 */
final class TaskSchedulerAdapter implements WorkerScheduler {

	private final TaskScheduler scheduler;

	TaskSchedulerAdapter(TaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.scheduler.schedule(task, this.scheduler.getClock().instant().plus(delay));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
		if (this.scheduler instanceof ThreadPoolTaskScheduler pool) {
			return pool.scheduleWithFixedDelay(task, pool.getClock().instant().plus(initialDelay), delay);
		}
		return WorkerScheduler.super.scheduleWithFixedDelay(task, initialDelay, delay);
	}

}
