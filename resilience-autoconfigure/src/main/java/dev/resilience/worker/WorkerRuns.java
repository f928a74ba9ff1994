package dev.resilience.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What is known about one worker's runs across its restarts: how many ended, the current streak
 * of failures, the last run and the last failure, when the next run is due, and whether an
 * operator paused it. Kept by the
 * worker's child spec, so a restarted worker continues it.
 *
 * <p><b>Threading.</b> This class is thread-safe without locks: only the worker's runs write it,
 * one run at a time, each handed to the next through the scheduler, with release stores (plain
 * stores on x86, no fence per run); anyone may read it, with acquire loads. A reader sees each
 * field as the last run left it, possibly one run apart from another field.
 *
 * @since 0.1.0
 */
public final class WorkerRuns {

	private final String name;

	private static final VarHandle RUNS;

	private static final VarHandle CONSECUTIVE_FAILURES;

	private static final VarHandle LAST_RUN;

	private static final VarHandle RUNNING;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			RUNS = lookup.findVarHandle(WorkerRuns.class, "runs", long.class);
			CONSECUTIVE_FAILURES = lookup.findVarHandle(WorkerRuns.class, "consecutiveFailures", int.class);
			LAST_RUN = lookup.findVarHandle(WorkerRuns.class, "lastRun", Timing.class);
			RUNNING = lookup.findVarHandle(WorkerRuns.class, "running", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private long runs;

	private int consecutiveFailures;

	private Timing lastRun;

	private boolean running;

	private volatile Failure lastFailure;

	private volatile boolean paused;

	private volatile boolean parked;

	private volatile ScheduledFuture<?> next;

	/**
	 * @param name the worker's name
	 */
	public WorkerRuns(String name) {
		this.name = name;
	}

	/** @return the worker's name */
	public String name() {
		return this.name;
	}

	/** @return how many runs ended, whatever their outcome */
	public long runs() {
		return (long) RUNS.getAcquire(this);
	}

	/** @return failed runs since the last successful one */
	public int consecutiveFailures() {
		return (int) CONSECUTIVE_FAILURES.getAcquire(this);
	}

	/** @return the last failed run, or {@code null} if none failed */
	public Failure lastFailure() {
		return this.lastFailure;
	}

	/**
	 * @param clock the clock to tell the time by
	 * @return the last run that ended, or {@code null} before the first one; its start and
	 * duration are {@code null} when runs are not timed (a runtime without listeners)
	 */
	public LastRun lastRun(Clock clock) {
		Timing timing = (Timing) LAST_RUN.getAcquire(this);
		if (timing == null) {
			return null;
		}
		if (timing.durationNanos() < 0) {
			return new LastRun(null, null, timing.outcome());
		}
		Instant startedAt = clock.instant().minusNanos(System.nanoTime() - timing.startNanos());
		return new LastRun(startedAt, Duration.ofNanos(timing.durationNanos()), timing.outcome());
	}

	/** @return whether the worker is paused by an operator: no run starts until it is resumed */
	public boolean paused() {
		return this.paused;
	}

	/**
	 * Marks the worker paused or not, for its current and later incarnations.
	 * @param paused whether it is paused
	 */
	public void paused(boolean paused) {
		this.paused = paused;
	}

	/**
	 * @return whether the worker is parked: a check it depends on is DEGRADED, so no run starts
	 * until its first tick after all its checks are CONNECTED
	 */
	public boolean parked() {
		return this.parked;
	}

	/**
	 * Marks the worker parked or not, for its current and later incarnations: each tick reads it.
	 * Independent of {@link #paused(boolean)}: a worker may be both.
	 * @param parked whether it is parked
	 */
	public void parked(boolean parked) {
		this.parked = parked;
	}

	/** @return whether a run is in progress */
	public boolean running() {
		return (boolean) RUNNING.getAcquire(this);
	}

	/**
	 * @param clock the clock to tell the time by
	 * @return when the next run is due, or {@code null} while a run is in progress or none is
	 * scheduled
	 */
	public Instant nextRun(Clock clock) {
		ScheduledFuture<?> scheduled = this.next;
		if (running() || scheduled == null || scheduled.isCancelled()) {
			return null;
		}
		return clock.instant().plusNanos(Math.max(0, scheduled.getDelay(TimeUnit.NANOSECONDS)));
	}

	void runStarted() {
		RUNNING.setRelease(this, true);
	}

	/**
	 * Records the end of a run.
	 * @param outcome how it ended
	 * @param failure what it threw, or {@code null}
	 * @param startNanos when it started, on the {@link System#nanoTime()} scale
	 * @param durationNanos how long it took, or {@code -1} when runs are not timed
	 * @param clock tells the time of a failure
	 * @return the failed runs in a row, this one included (0 after a success)
	 */
	int runEnded(RunOutcome outcome, Throwable failure, long startNanos, long durationNanos, Clock clock) {
		RUNS.setRelease(this, this.runs + 1); // single writer: runs of one worker never overlap
		Timing last = this.lastRun;
		if (last == null || last.outcome() != outcome || durationNanos >= 0 || last.durationNanos() >= 0) {
			LAST_RUN.setRelease(this, new Timing(startNanos, durationNanos, outcome));
		}
		int failures = 0;
		if (failure != null) {
			failures = this.consecutiveFailures + 1;
			CONSECUTIVE_FAILURES.setRelease(this, failures);
			this.lastFailure = new Failure(failure.getClass().getName(), failure.getMessage(), clock.instant(),
					outcome);
		}
		else if (this.consecutiveFailures != 0) {
			CONSECUTIVE_FAILURES.setRelease(this, 0);
		}
		RUNNING.setRelease(this, false);
		return failures;
	}

	void scheduled(ScheduledFuture<?> next) {
		this.next = next;
	}

	void unscheduled() {
		this.next = null;
		RUNNING.setRelease(this, false);
	}

	private record Timing(long startNanos, long durationNanos, RunOutcome outcome) {
	}

	/**
	 * A failed run.
	 *
	 * @param type the exception's class name
	 * @param message the exception's message, may be {@code null}; cut to
	 * {@value dev.resilience.runtime.UserText#MAX_LENGTH} characters
	 * @param at when the run ended
	 * @param outcome {@link RunOutcome#FAILURE} or {@link RunOutcome#TIMEOUT}
	 * @since 0.1.0
	 */
	public record Failure(String type, String message, Instant at, RunOutcome outcome) {

		public Failure {
			message = dev.resilience.runtime.UserText.cut(message);
		}

	}

	/**
	 * The last run that ended.
	 *
	 * @param startedAt when it started
	 * @param duration how long it took
	 * @param outcome how it ended
	 * @since 0.1.0
	 */
	public record LastRun(Instant startedAt, Duration duration, RunOutcome outcome) {
	}

}
