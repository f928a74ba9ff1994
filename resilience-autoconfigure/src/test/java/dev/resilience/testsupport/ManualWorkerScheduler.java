package dev.resilience.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.resilience.worker.WorkerScheduler;

/**
 * A {@link dev.resilience.worker.WorkerScheduler} whose one-shot tasks run only when a test runs
 * them, on the test's thread. Its futures can be cancelled (a cancelled task never runs) and
 * report the delay they were scheduled with. Its {@link #nanoTime()} stands still unless the test
 * advances it, so the delays it is handed are exact.
 */
public final class ManualWorkerScheduler implements WorkerScheduler {

	private final List<Tick> ticks = new CopyOnWriteArrayList<>();

	private volatile long nanoTime;

	/** @return the scheduler's time: it moves only when a test {@link #advance advances} it */
	@Override
	public long nanoTime() {
		return this.nanoTime;
	}

	/**
	 * Moves the scheduler's time on; nothing runs by itself.
	 * @param by how far
	 */
	public void advance(Duration by) {
		this.nanoTime += by.toNanos();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		Tick tick = new Tick(task, delay, this.nanoTime + Math.max(0, delay.toNanos()));
		this.ticks.add(tick);
		return tick;
	}

	/** @return every task scheduled so far, in order, run, cancelled or not */
	public List<Tick> all() {
		return List.copyOf(this.ticks);
	}

	/** @return the tasks neither run nor cancelled, in order */
	public List<Tick> pending() {
		return this.ticks.stream().filter((tick) -> !tick.ran && !tick.cancelled).toList();
	}

	/**
	 * Runs the oldest pending task on the calling thread.
	 * @return that task
	 * @throws AssertionError if none is pending
	 */
	public Tick runNext() {
		List<Tick> pending = pending();
		if (pending.isEmpty()) {
			throw new AssertionError("no task is pending");
		}
		Tick tick = pending.get(0);
		tick.run();
		return tick;
	}

	/**
	 * Moves the time on, running every pending task as it falls due, in due order (in scheduling
	 * order at the same time), on the calling thread: also tasks scheduled by those tasks, and
	 * also when called from inside a task.
	 * @param by how far
	 */
	public void advanceRunningDue(Duration by) {
		long until = this.nanoTime + by.toNanos();
		while (true) {
			Tick next = pending().stream().filter((tick) -> tick.due <= until)
				.min(java.util.Comparator.comparingLong((Tick tick) -> tick.due))
				.orElse(null);
			if (next == null) {
				this.nanoTime = Math.max(this.nanoTime, until);
				return;
			}
			this.nanoTime = Math.max(this.nanoTime, next.due);
			next.run();
		}
	}

	/** A scheduled one-shot task. */
	public static final class Tick implements ScheduledFuture<Object> {

		private final Runnable task;

		private final Duration delay;

		private volatile boolean ran;

		private volatile boolean cancelled;

		/** When it falls due, on the scheduler's scale. */
		private final long due;

		Tick(Runnable task, Duration delay, long due) {
			this.task = task;
			this.delay = delay;
			this.due = due;
		}

		/** @return the delay it was scheduled with */
		public Duration delay() {
			return this.delay;
		}

		/** @return whether it ran */
		public boolean ran() {
			return this.ran;
		}

		/** Runs the task now, on the calling thread, unless it was cancelled. */
		public void run() {
			if (this.cancelled) {
				throw new AssertionError("a cancelled task was run");
			}
			this.ran = true;
			this.task.run();
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.delay.toNanos(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (this.ran) {
				return false;
			}
			this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.ran || this.cancelled;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException();
		}

	}

}
