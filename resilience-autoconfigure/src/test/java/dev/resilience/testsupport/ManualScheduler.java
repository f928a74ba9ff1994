package dev.resilience.testsupport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scheduler whose tasks run only when a test runs them, on the test's thread of choice, and
 * whose futures cannot be cancelled, as tasks that have already started: a timeout scheduled on
 * it always fires "too late to cancel" when the test runs it, though the test can see that a
 * cancel was asked for. Only
 * {@link #schedule(Runnable, long, TimeUnit)} is manual; the watchdog and the remedy retry timers
 * use nothing else.
 */
public final class ManualScheduler extends ScheduledThreadPoolExecutor {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final BlockingQueue<Task> scheduled = new LinkedBlockingQueue<>();

	/** A scheduler with no task yet. */
	public ManualScheduler() {
		super(1);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		if (isShutdown()) {
			throw new RejectedExecutionException("shut down");
		}
		Task task = new Task(command, Duration.ofNanos(unit.toNanos(delay)));
		this.scheduled.add(task);
		return new StartedFuture(task);
	}

	/**
	 * @return the oldest task not yet taken, waiting up to 5 seconds for one
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Task next() throws InterruptedException {
		Task task = this.scheduled.poll(WAIT.toNanos(), TimeUnit.NANOSECONDS);
		if (task == null) {
			throw new AssertionError("nothing was scheduled within " + WAIT);
		}
		return task;
	}

	/**
	 * The late-interrupt race: a thread that, for each of {@code rounds} calls, takes the timeout
	 * scheduled for the call and runs it the moment the call reaches {@code returning}, so the
	 * timeout fires exactly as the call ends.
	 * @param rounds how many calls
	 * @param returning the barrier each call reaches as it returns
	 * @param failure where the thread puts what went wrong, if anything
	 * @return the thread, not started
	 */
	public Thread racer(int rounds, CyclicBarrier returning, AtomicReference<Throwable> failure) {
		return new Thread(() -> {
			try {
				for (int i = 0; i < rounds; i++) {
					Task timeout = next();
					returning.await(WAIT.toSeconds(), TimeUnit.SECONDS);
					timeout.run();
				}
			}
			catch (InterruptedException | BrokenBarrierException | TimeoutException | AssertionError ex) {
				failure.set(ex);
			}
		}, "timeout-racer");
	}

	/** @return how many tasks were scheduled and not yet taken */
	public int pending() {
		return this.scheduled.size();
	}

	/**
	 * A scheduled task.
	 */
	public static final class Task {

		private final Runnable command;

		private final Duration delay;

		private volatile boolean cancelRequested;

		Task(Runnable command, Duration delay) {
			this.command = command;
			this.delay = delay;
		}

		/** @return the delay it was scheduled with */
		public Duration delay() {
			return this.delay;
		}

		/** @return whether its future was asked to cancel it (which it refused) */
		public boolean cancelRequested() {
			return this.cancelRequested;
		}

		/** Runs the task on the calling thread. */
		public void run() {
			this.command.run();
		}

	}

	private static final class StartedFuture implements ScheduledFuture<Object> {

		private final Task task;

		StartedFuture(Task task) {
			this.task = task;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return 0;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.task.cancelRequested = true;
			return false;
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public boolean isDone() {
			return false;
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
