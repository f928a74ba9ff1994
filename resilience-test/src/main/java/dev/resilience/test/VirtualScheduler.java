package dev.resilience.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The task queue of a {@link VirtualTime}: a {@link ScheduledExecutorService} whose tasks run only
 * when the time is advanced, on the thread that advances it, in the order they fall due (tasks
 * due at the same instant in the order they were given). Nothing here has a thread.
 *
 * <p><b>Threading.</b> Thread-safe: any thread may schedule and cancel; the time moves on the
 * thread that calls {@link VirtualTime#advance}.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final VirtualTime time;

	private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();

	private long sequence;

	private volatile boolean shutdown;

	VirtualScheduler(VirtualTime time) {
		this.time = time;
	}

	/**
	 * Takes the next task due by {@code deadline}.
	 * @param deadline in virtual nanoseconds
	 * @return the task, or {@code null} if none is due by then
	 */
	synchronized Task<?> pollDue(long deadline) {
		Task<?> next = this.queue.peek();
		if (next == null || next.due > deadline) {
			return null;
		}
		return this.queue.poll();
	}

	/** @return when the next task is due in virtual nanoseconds, or {@link Long#MAX_VALUE} for none */
	synchronized long nextDue() {
		Task<?> next = this.queue.peek();
		return (next != null) ? next.due : Long.MAX_VALUE;
	}

	/** @return how many tasks wait */
	synchronized int pending() {
		return this.queue.size();
	}

	private synchronized <V> Task<V> add(FutureTask<V> work, long delayNanos, long periodNanos) {
		if (this.shutdown) {
			throw new RejectedExecutionException("the virtual time is shut down");
		}
		Task<V> task = new Task<>(work, this.time.nanos() + Math.max(0, delayNanos), this.sequence++, periodNanos);
		this.queue.add(task);
		return task;
	}

	private synchronized void remove(Task<?> task) {
		this.queue.remove(task);
	}

	private synchronized void requeue(Task<?> task, long due) {
		if (!this.shutdown) {
			task.due = due;
			task.sequence = this.sequence++;
			this.queue.add(task);
		}
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return add(new Work<>(command), unit.toNanos(delay), 0);
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return add(new FutureTask<>(callable), unit.toNanos(delay), 0);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return add(new Rerunnable(command), unit.toNanos(initialDelay), requirePositive(unit.toNanos(period)));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return add(new Rerunnable(command), unit.toNanos(initialDelay), -requirePositive(unit.toNanos(delay)));
	}

	@Override
	public void execute(Runnable command) {
		add(new Work<>(command), 0, 0);
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> pending = new ArrayList<>(this.queue);
		this.queue.clear();
		return Collections.unmodifiableList(pending);
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return this.shutdown;
	}

	private static long requirePositive(long nanos) {
		if (nanos <= 0) {
			throw new IllegalArgumentException("a period must be positive, was " + nanos + " ns");
		}
		return nanos;
	}

	/** A runnable's work: what it throws fails the advance that ran it, as nobody asks its future. */
	private class Work<V> extends FutureTask<V> {

		Work(Runnable command) {
			super(command, null);
		}

		@Override
		protected void setException(Throwable failure) {
			super.setException(failure);
			VirtualScheduler.this.time.failed(failure);
		}

	}

	/** A periodic task's work: runs again and again, unlike a {@link FutureTask}. */
	private final class Rerunnable extends Work<Void> {

		Rerunnable(Runnable command) {
			super(command);
		}

		boolean runOnce() {
			return runAndReset();
		}

	}

	/** One task in the queue, and its future. */
	final class Task<V> implements ScheduledFuture<V>, Runnable {

		private final FutureTask<V> work;

		/** Positive: a fixed rate; negative: a fixed delay; 0: once. */
		private final long period;

		private long due;

		private long sequence;

		Task(FutureTask<V> work, long due, long sequence, long period) {
			this.work = work;
			this.due = due;
			this.sequence = sequence;
			this.period = period;
		}

		long due() {
			return this.due;
		}

		@Override
		public void run() {
			if (this.period == 0) {
				this.work.run();
				return;
			}
			if (((Rerunnable) this.work).runOnce()) {
				requeue(this, (this.period > 0) ? this.due + this.period : time.nanos() - this.period);
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.due - time.nanos(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			if (other instanceof Task<?> task) {
				int byDue = Long.compare(this.due, task.due);
				return (byDue != 0) ? byDue : Long.compare(this.sequence, task.sequence);
			}
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = this.work.cancel(false);
			if (cancelled) {
				remove(this);
			}
			return cancelled;
		}

		@Override
		public boolean isCancelled() {
			return this.work.isCancelled();
		}

		@Override
		public boolean isDone() {
			return this.work.isDone();
		}

		/**
		 * @return the result once the task ran; it never blocks: the time does not move while the
		 * caller waits
		 * @throws IllegalStateException if the task has not run yet
		 */
		@Override
		public V get() throws InterruptedException, ExecutionException {
			if (!this.work.isDone()) {
				throw new IllegalStateException("the task is due in virtual time: advance the time to run it");
			}
			return this.work.get();
		}

		@Override
		public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
			return get();
		}

	}

}
