package dev.resilience.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.resilience.runtime.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run of one incarnation that a stop may have to wait for: the stopping thread waits the
 * shutdown timeout for it to end, then interrupts it through its watchdog guard and waits one
 * more second. The guard is written once per run with a release store (no fence) and read only
 * by a stop. The worker's incarnation extends it, one object per incarnation fewer.
 */
class RunInProgress {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicWorker.class);

	private static final Duration GRACE_AFTER_INTERRUPT = Duration.ofSeconds(1);

	private static final VarHandle GUARD;

	private static final VarHandle ENDED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			GUARD = lookup.findVarHandle(RunInProgress.class, "guard", Watchdog.Guard.class);
			ENDED = lookup.findVarHandle(RunInProgress.class, "endedWhileStopping", CountDownLatch.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Under {@link #ENDED}: made by whichever of the stop and the run's end comes first, as most
	 * incarnations never stop mid-run.
	 */
	private CountDownLatch endedWhileStopping;

	private Watchdog.Guard guard;

	/** A run starts under this guard. */
	void started(Watchdog.Guard guard) {
		GUARD.setRelease(this, guard);
	}

	/** The run ended: its guard need not be kept until the next one. */
	void ended() {
		GUARD.setRelease(this, null);
	}

	/** The run a stop waits for has ended. */
	void endedWhileStopping() {
		latch().countDown();
	}

	private CountDownLatch latch() {
		CountDownLatch made = new CountDownLatch(1);
		CountDownLatch first = (CountDownLatch) ENDED.compareAndExchange(this, null, made);
		return (first != null) ? first : made;
	}

	/**
	 * Waits for the run to end: {@code shutdownTimeout}, then interrupts it and waits one second
	 * more, then leaves it behind with a warning.
	 * @param worker the worker's name, for the warning
	 * @param shutdownTimeout how long the run may take to finish
	 * @return whether it ended
	 */
	boolean awaitEnd(String worker, Duration shutdownTimeout) {
		CountDownLatch ended = latch();
		try {
			if (ended.await(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return true;
			}
			Watchdog.Guard run = (Watchdog.Guard) GUARD.getAcquire(this);
			if (run != null) {
				run.interrupt();
			}
			if (!ended.await(GRACE_AFTER_INTERRUPT.toNanos(), TimeUnit.NANOSECONDS)) {
				logger.warn("Worker '{}' did not end its run within {} of being interrupted; leaving it behind", worker,
						GRACE_AFTER_INTERRUPT);
				return false;
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
