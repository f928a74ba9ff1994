package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The restart backoff of one worker across its incarnations, after Pekko's
 * {@code BackoffSupervisor}: counts the worker's crashes in a row and gives the delay before the
 * first run of an incarnation restarted after a crash ({@link Backoff#delay}). Kept by the
 * worker's child spec, beside its {@link WorkerRuns}.
 *
 * <p>The count goes back to zero once an incarnation has been up for {@link Backoff#resetAfter()},
 * counted from its first run (Pekko's {@code resetBackoffAfter}: the child's uptime), checked
 * whenever one of its runs ends. A crash in an incarnation's first run never resets the count,
 * however long that run took: a worker that crashes on every run never resets. A normal exit is
 * no crash: it leaves the count as it is and the restarted worker waits its schedule's next tick.
 *
 * <p><b>Threading.</b> Written only by the worker's runs and starts, which follow one another
 * (each run hands over to the next through the scheduler, the last run to the restart through the
 * supervisor), through volatile fields. The clock is read only while the count is above zero.
 */
final class RestartBackoff {

	private final Backoff backoff;

	private final Clock clock;

	private final RandomGenerator random;

	/** Crashes in a row since the last reset. */
	private volatile long crashes;

	/** The delay before the next incarnation's first run, or {@code null} if the last exit was no crash. */
	private volatile Duration pending;

	/** When the current incarnation's first run started, or {@code null} before it (or while the count is 0). */
	private volatile Instant firstRun;

	/** Whether a run of the current incarnation ended without a crash. */
	private volatile boolean ranWell;

	RestartBackoff(Backoff backoff, Clock clock, RandomGenerator random) {
		this.backoff = backoff;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * An incarnation starts.
	 * @return the delay before its first run if it follows a crash, else {@code null}
	 */
	Duration incarnationStarting() {
		Duration delay = this.pending;
		this.pending = null;
		this.firstRun = null;
		this.ranWell = false;
		return delay;
	}

	/** A run of the current incarnation starts. */
	void runStarting() {
		if (this.crashes != 0 && this.firstRun == null) {
			this.firstRun = this.clock.instant();
		}
	}

	/**
	 * A run of the current incarnation ended; a crash ends the incarnation.
	 * @param crashed whether it crashed (threw or timed out)
	 */
	void runEnded(boolean crashed) {
		if (this.crashes == 0 && !crashed) {
			return; // nothing to reset: a healthy worker never reads the clock here
		}
		Instant first = this.firstRun;
		if ((!crashed || this.ranWell) && first != null
				&& !this.clock.instant().isBefore(first.plus(this.backoff.resetAfter()))) {
			this.crashes = 0;
		}
		if (crashed) {
			long n = this.crashes + 1;
			this.crashes = n;
			this.pending = this.backoff.delay(n, this.random.nextDouble());
		}
		else {
			this.ranWell = true;
		}
	}

}
