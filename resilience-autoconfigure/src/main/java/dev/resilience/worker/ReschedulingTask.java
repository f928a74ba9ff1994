package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-delay task made of one-shot tasks, for schedulers without a fixed-delay mode of their
 * own: each run schedules the next when it ends. Thread-safe.
 */
final class ReschedulingTask implements Runnable, ScheduledFuture<Object> {

	private final WorkerScheduler scheduler;

	private final Runnable task;

	private final Duration delay;

	private volatile ScheduledFuture<?> current;

	private volatile boolean cancelled;

	ReschedulingTask(WorkerScheduler scheduler, Runnable task, Duration delay) {
		this.scheduler = scheduler;
		this.task = task;
		this.delay = delay;
	}

	ReschedulingTask start(Duration initialDelay) {
		this.current = this.scheduler.schedule(this, initialDelay);
		return this;
	}

	@Override
	public void run() {
		if (this.cancelled) {
			return;
		}
		this.task.run();
		if (!this.cancelled) {
			this.current = this.scheduler.schedule(this, this.delay);
			if (this.cancelled) {
				this.current.cancel(false); // cancelled while the next run was being scheduled
			}
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		this.cancelled = true;
		ScheduledFuture<?> next = this.current;
		if (next != null) {
			next.cancel(mayInterruptIfRunning);
		}
		return true;
	}

	@Override
	public boolean isCancelled() {
		return this.cancelled;
	}

	@Override
	public boolean isDone() {
		return this.cancelled;
	}

	@Override
	public long getDelay(TimeUnit unit) {
		ScheduledFuture<?> next = this.current;
		return (next != null) ? next.getDelay(unit) : 0;
	}

	@Override
	public int compareTo(Delayed other) {
		return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
	}

	@Override
	public Object get() throws InterruptedException, ExecutionException {
		throw new UnsupportedOperationException("a periodic task has no result");
	}

	@Override
	public Object get(long timeout, TimeUnit unit) {
		throw new UnsupportedOperationException("a periodic task has no result");
	}

}
