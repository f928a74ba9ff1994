package dev.resilience.check;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.resilience.worker.Trigger;

/**
 * The passive side of one check: counts the failures that the application reports in a row and,
 * at the threshold, asks the check's worker to run the check at once instead of at its next
 * interval. A reported success resets the count. The detector only asks: the check runs on its
 * own worker's thread, never on the thread that reported, and its result alone decides the
 * state, so reported failures never degrade a check by themselves.
 *
 * <p>Rules, in the order they are tested on a reported failure:
 * <ol>
 * <li>fewer failures in a row than the threshold (or a threshold of 0): nothing;</li>
 * <li>a triggered run started less than one check timeout ago: nothing, so a storm of failures
 * runs the check at most once per timeout;</li>
 * <li>the check is not CONNECTED: nothing; it is already out, and its recovery takes the
 * scheduled passing checks (the N-pass hysteresis is kept);</li>
 * <li>otherwise the worker is triggered. If it does not start a run (one is in progress, it is
 * paused, parked or stopped), the slot is given back: the next failure may try again.</li>
 * </ol>
 *
 * <p><b>Threading.</b> This class is thread-safe and lock-free. A reported success costs one
 * volatile read (and a write only when failures were counted); a reported failure one atomic
 * increment; neither allocates. Only a failure at the threshold reads the time and the check's
 * state, and at most one per timeout triggers the worker (a compare-and-set, then one task on
 * the tree's timer).
 *
 * @since 0.1.0
 */
public final class PassiveDetector {

	private final String check;

	private final int threshold;

	private final long gapNanos;

	private final LongSupplier nanoTime;

	private final BooleanSupplier connected;

	private final Supplier<Trigger> trigger;

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicLong lastTrigger;

	private final AtomicLong triggers = new AtomicLong();

	private final AtomicBoolean triggeredRun = new AtomicBoolean();

	private volatile Throwable triggeringFailure;

	private volatile int triggeringCount;

	/**
	 * @param check the check's name
	 * @param threshold failures in a row that trigger a run; 0 for never
	 * @param gap the least time between two triggered runs: the check's timeout
	 * @param nanoTime the monotonic time the gap is measured on (the tree's timer's)
	 * @param connected whether the check is CONNECTED now
	 * @param trigger asks the check's worker to run now ({@code WorkerCycle#trigger}); must not
	 * run the check on the calling thread
	 */
	public PassiveDetector(String check, int threshold, Duration gap, LongSupplier nanoTime, BooleanSupplier connected,
			Supplier<Trigger> trigger) {
		this.check = Objects.requireNonNull(check, "check");
		if (threshold < 0) {
			throw new IllegalArgumentException("threshold of check '" + check + "' must be 0 or more, was " + threshold);
		}
		this.threshold = threshold;
		this.gapNanos = Objects.requireNonNull(gap, "gap").toNanos();
		this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
		this.connected = Objects.requireNonNull(connected, "connected");
		this.trigger = Objects.requireNonNull(trigger, "trigger");
		this.lastTrigger = new AtomicLong(nanoTime.getAsLong() - this.gapNanos);
	}

	/** @return the check's name */
	public String check() {
		return this.check;
	}

	/** @return failures in a row that trigger a run; 0 when off */
	public int threshold() {
		return this.threshold;
	}

	/**
	 * A call that depends on the check's dependency failed.
	 * @param failure what it threw, kept only when it triggers a run (for the log)
	 * @return whether this report started a run of the check
	 */
	public boolean failed(Throwable failure) {
		if (this.threshold == 0) {
			return false;
		}
		int count = this.failures.incrementAndGet();
		if (count < 0) { // two billion failures in a row: stay at the top
			this.failures.set(Integer.MAX_VALUE);
			count = Integer.MAX_VALUE;
		}
		if (count < this.threshold) {
			return false;
		}
		long now = this.nanoTime.getAsLong();
		long last = this.lastTrigger.get();
		if (now - last < this.gapNanos || !this.connected.getAsBoolean()
				|| !this.lastTrigger.compareAndSet(last, now)) {
			return false;
		}
		this.triggeringFailure = failure;
		this.triggeringCount = count;
		this.triggeredRun.set(true); // before the trigger: the run may start before it returns
		if (this.trigger.get() == Trigger.STARTED) {
			this.triggers.incrementAndGet();
			return true;
		}
		this.triggeredRun.set(false);
		this.lastTrigger.compareAndSet(now, last); // no run started: the next failure may try
		return false;
	}

	/** A call that depends on the check's dependency succeeded: the count starts again. */
	public void succeeded() {
		if (this.failures.get() != 0) {
			this.failures.set(0);
		}
	}

	/** @return failures reported in a row since the last reported success */
	public int consecutiveFailures() {
		return this.failures.get();
	}

	/** @return how many runs reported failures triggered */
	public long triggers() {
		return this.triggers.get();
	}

	/**
	 * Called by the check's run as it starts.
	 * @return the trigger of this run, or {@code null} if reported failures did not trigger it
	 */
	Triggered takeTriggered() {
		return this.triggeredRun.getAndSet(false) ? new Triggered(this.triggeringCount, this.triggeringFailure) : null;
	}

	/**
	 * Why a run was triggered.
	 * @param failures the failures in a row reported by then
	 * @param last the failure that triggered it
	 */
	record Triggered(int failures, Throwable last) {
	}

}
