package dev.resilience.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What is known about one worker's runs across its restarts: how many ended, the current streak
 * of failures, the last run and the last failure, whether a run is in flight and since when, when
 * the next run is due, and whether an operator paused it or a check parked it. Kept by the
 * worker's child spec, so a restarted worker continues it. It holds the worker's one
 * {@link WorkerState}, which its {@link WorkerCycle} moves; the flags read here are that state's.
 *
 * <p><b>Threading.</b> This class is thread-safe without locks: the run counters are written only
 * by the worker's runs, one run at a time (its state allows at most one in flight), with release
 * stores; anyone may read them, with acquire loads. A reader sees each field as the last run left
 * it, possibly one run apart from another field.
 *
 * @since 0.1.0
 */
public final class WorkerRuns {

	private final String name;

	private static final VarHandle RUNS;

	private static final VarHandle LAST_RUN;

	private static final VarHandle RUN_STARTED;

	private static final VarHandle STATE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			RUNS = lookup.findVarHandle(WorkerRuns.class, "runs", long.class);
			LAST_RUN = lookup.findVarHandle(WorkerRuns.class, "lastRun", Timing.class);
			RUN_STARTED = lookup.findVarHandle(WorkerRuns.class, "runStartedNanos", long.class);
			STATE = lookup.findVarHandle(WorkerRuns.class, "state", WorkerState.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The worker's one state, under {@link #STATE}: written only by its {@link WorkerCycle}. */
	private volatile WorkerState state = WorkerState.INITIAL;

	/** The timer whose monotonic scale the pending tick is on. */
	private volatile WorkerScheduler timer = WorkerScheduler.SYSTEM_TIME;

	private long runs;

	private Timing lastRun;

	private long runStartedNanos;

	private volatile Failure lastFailure;

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

	/** @return failed runs since the last successful one: the worker's one failure streak */
	public int consecutiveFailures() {
		return this.state.streak();
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
		Instant startedAt = clock.instant().minusNanos(this.timer.nanoTime() - timing.startNanos());
		return new LastRun(startedAt, Duration.ofNanos(timing.durationNanos()), timing.outcome());
	}

	/** @return whether the worker is paused by an operator: no run starts until it is resumed */
	public boolean paused() {
		return this.state.paused();
	}

	/**
	 * @return whether the worker is parked: a check it depends on is DEGRADED, so no run starts
	 * until its first tick after all its checks are CONNECTED
	 */
	public boolean parked() {
		return this.state.parked();
	}

	/** @return whether a run is in flight */
	public boolean running() {
		return this.state.running();
	}

	/**
	 * @return how long the run in flight has run, or {@code null} when none is: a run that never
	 * returns shows here with its growing age
	 */
	public Duration runningFor() {
		if (!running()) {
			return null;
		}
		long started = (long) RUN_STARTED.getAcquire(this);
		return Duration.ofNanos(Math.max(0, this.timer.nanoTime() - started));
	}

	/**
	 * @param clock the clock to tell the time by
	 * @return when the next run is due, or {@code null} while a run is in progress or none is
	 * scheduled
	 */
	public Instant nextRun(Clock clock) {
		WorkerState now = this.state;
		Tick pending = now.pending();
		if (now.running() || pending == null) {
			return null;
		}
		return clock.instant().plusNanos(Math.max(0, pending.dueNanos() - this.timer.nanoTime()));
	}

	/** @return the worker's one state */
	WorkerState state() {
		return this.state;
	}

	boolean compareAndSetState(WorkerState expected, WorkerState state) {
		return STATE.compareAndSet(this, expected, state);
	}

	void timer(WorkerScheduler timer) {
		this.timer = timer;
	}

	void runStarted(long nanos) {
		RUN_STARTED.setRelease(this, nanos);
	}

	/**
	 * Records the end of a run.
	 * @param outcome how it ended
	 * @param failure what it threw, or {@code null}
	 * @param startNanos when it started, on the timer's nanosecond scale
	 * @param durationNanos how long it took, or {@code -1} when runs are not timed
	 * @param clock tells the time of a failure
	 */
	void runEnded(RunOutcome outcome, Throwable failure, long startNanos, long durationNanos, Clock clock) {
		RUNS.setRelease(this, this.runs + 1); // single writer: runs of one worker never overlap
		Timing last = this.lastRun;
		if (last == null || last.outcome() != outcome || durationNanos >= 0 || last.durationNanos() >= 0) {
			LAST_RUN.setRelease(this, (durationNanos >= 0) ? new Timing(startNanos, durationNanos, outcome)
					: Timing.UNTIMED[outcome.ordinal()]);
		}
		if (failure != null) {
			this.lastFailure = new Failure(failure.getClass().getName(), failure.getMessage(), clock.instant(),
					outcome);
		}
	}

	private record Timing(long startNanos, long durationNanos, RunOutcome outcome) {

		/** An untimed run has only its outcome: one shared timing per outcome. */
		static final Timing[] UNTIMED = java.util.Arrays.stream(RunOutcome.values())
			.map((outcome) -> new Timing(0, -1, outcome))
			.toArray(Timing[]::new);

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
