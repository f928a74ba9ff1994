package dev.resilience.worker;

import java.util.concurrent.ScheduledFuture;

/**
 * One tick of a worker: the time a run is due, on the timer's monotonic scale. A worker's
 * {@link WorkerState} holds at most one pending tick; a tick that fires once it is no longer the
 * pending one is stale and does nothing, so cancelling its timer task only saves the timer work.
 * Ticks are compared by identity.
 */
final class Tick implements Runnable {

	private final long dueNanos;

	/** The cycle it fires on, or {@code null} for a tick made by a test; it is its own timer task. */
	private final WorkerCycle cycle;

	private volatile ScheduledFuture<?> timerTask;

	Tick(long dueNanos) {
		this(dueNanos, null);
	}

	Tick(long dueNanos, WorkerCycle cycle) {
		this.dueNanos = dueNanos;
		this.cycle = cycle;
	}

	/** On the timer: fires on its cycle. */
	@Override
	public void run() {
		this.cycle.fire(this);
	}

	/** @return when it is due, on the timer's {@code nanoTime} scale */
	long dueNanos() {
		return this.dueNanos;
	}

	void timerTask(ScheduledFuture<?> task) {
		this.timerTask = task;
	}

	/** Cancels its timer task, if it has one. */
	void cancel() {
		ScheduledFuture<?> task = this.timerTask;
		if (task != null) {
			task.cancel(false);
		}
	}

}
