package dev.resilience.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs handed over together run back to back on one thread, and a run that takes long gets the
 * runs behind it a thread of their own. Handing a run to a parked thread costs a wake-up (a
 * context switch, about 15 µs of CPU on a small virtual machine); the runs that one wake-up of the
 * timer hands over are taken by one thread, woken once, instead of one thread each.
 *
 * <p>Isolation still holds: a thread taking runs is <em>lively</em> while it is between runs or
 * its current run started less than {@code stallNanos} ago. A run handed over when no thread is
 * lively starts a new one; a run queued behind a lively thread is watched by the timer, which
 * starts a thread for it when the one ahead stalled. So a run that never returns holds up the runs
 * behind it for at most about two stall periods, and ties up its own thread and nothing else.
 *
 * <p><b>Threading.</b> This class is thread-safe; {@link #execute} takes no lock.
 */
final class RunQueue {

	private final ConcurrentLinkedQueue<Runnable> runs = new ConcurrentLinkedQueue<>();

	private final Set<Drainer> drainers = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean watching = new AtomicBoolean();

	private final ExecutorService threads;

	private final Timer timer;

	private final long stallNanos;

	private volatile boolean closed;

	RunQueue(ExecutorService threads, Timer timer, long stallNanos) {
		this.threads = threads;
		this.timer = timer;
		this.stallNanos = stallNanos;
	}

	void execute(Runnable run) {
		if (this.closed) {
			throw new RejectedExecutionException("the run threads are closed");
		}
		this.runs.add(run);
		if (!anyLively()) {
			startDrainer();
		}
		else {
			watch();
		}
	}

	/** Takes no new run; the runs already handed over still run. */
	void close() {
		this.closed = true;
	}

	/** @return how many threads are taking runs (lively or not) */
	int drainers() {
		return this.drainers.size();
	}

	private boolean anyLively() {
		long now = System.nanoTime();
		for (Drainer drainer : this.drainers) {
			if (drainer.lively(now, this.stallNanos)) {
				return true;
			}
		}
		return false;
	}

	private void startDrainer() {
		Drainer drainer = new Drainer();
		this.drainers.add(drainer); // before it runs, so that the runs handed over next count on it
		try {
			this.threads.execute(drainer);
		}
		catch (RejectedExecutionException ex) {
			this.drainers.remove(drainer);
			throw ex;
		}
	}

	private void watch() {
		if (this.watching.compareAndSet(false, true)) {
			try {
				this.timer.schedule(this::watchDue, Duration.ofNanos(watchDelay(this.timer.nanoTime(), this.stallNanos)));
			}
			catch (RejectedExecutionException ex) {
				this.watching.set(false); // the timer is closed: shutting down
			}
		}
	}

	/**
	 * @return the delay from {@code now} to the first point of the timer's widest grid at least
	 * {@code stallNanos} away, where the ticks of a busy tree fall due anyway
	 */
	static long watchDelay(long now, long stallNanos) {
		long grid = Timer.MAX_SLACK_NANOS;
		return ((now + stallNanos + grid - 1) & -grid) - now;
	}

	/** @return whether the timer watches the queued runs */
	boolean watching() {
		return this.watching.get();
	}

	/** On the timer: the runs queued since the watch began are taken, or get a thread. */
	void watchDue() {
		this.watching.set(false);
		if (this.runs.isEmpty()) {
			return;
		}
		if (!anyLively()) {
			try {
				startDrainer();
			}
			catch (RejectedExecutionException ex) {
				return; // the pool is closed
			}
		}
		watch();
	}

	/** A thread taking runs until there is none left. */
	private final class Drainer implements Runnable {

		/** When its current run started, or {@link Long#MIN_VALUE} between runs. */
		private volatile long runStarted = Long.MIN_VALUE;

		private volatile boolean running;

		boolean lively(long now, long stallNanos) {
			return !this.running || now - this.runStarted < stallNanos;
		}

		@Override
		public void run() {
			do {
				Runnable next;
				while ((next = RunQueue.this.runs.poll()) != null) {
					runOne(next);
				}
				RunQueue.this.drainers.remove(this);
				// a run handed over after the last poll saw this drainer and started none: take it
			}
			while (!RunQueue.this.runs.isEmpty() && RunQueue.this.drainers.add(this));
		}

		private void runOne(Runnable run) {
			Thread.interrupted(); // as a pool's thread, a run never starts interrupted by the one before
			this.runStarted = System.nanoTime();
			this.running = true;
			try {
				run.run();
			}
			catch (RuntimeException | Error ex) {
				Thread thread = Thread.currentThread();
				thread.getUncaughtExceptionHandler().uncaughtException(thread, ex);
			}
			finally {
				this.running = false;
			}
		}

	}

}
