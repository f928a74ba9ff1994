package dev.resilience.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * The tiny job body every scheduler under test runs: counts the run and, once a waiting
 * benchmark thread's target is reached, wakes it. Runs of one job never overlap (fixed delay, or
 * fixed rate on one scheduler thread), and each run happens-after the previous one through the
 * scheduler's queue.
 */
public final class RunCounter {

	private volatile long runs;

	private volatile long target = Long.MAX_VALUE;

	private volatile Thread waiter;

	/** One run of the job body. */
	public void run() {
		long n = this.runs + 1;
		this.runs = n;
		if (n >= this.target) {
			Thread thread = this.waiter;
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}
	}

	/** @return {@code true}, for {@link dev.resilience.worker.WorkerJob} */
	public boolean runOnce() {
		run();
		return true;
	}

	/** @return the runs so far */
	public long runs() {
		return this.runs;
	}

	/**
	 * Blocks until {@code count} more runs have happened.
	 * @param count how many runs to wait for
	 */
	public void await(long count) {
		this.waiter = Thread.currentThread();
		long goal = this.runs + count;
		this.target = goal;
		while (this.runs < goal) {
			LockSupport.parkNanos(1_000_000L);
		}
		this.target = Long.MAX_VALUE;
	}

}
