package dev.resilience.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.ExitHandler;
import dev.resilience.worker.IncarnationState.Event;
import dev.resilience.worker.IncarnationState.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incarnation of a periodic worker: runs its job on its {@link Schedule} until the job throws
 * (an abnormal exit), returns {@code false} (a normal exit) or the worker is stopped. Its
 * supervisor starts a new incarnation, with a job from the job supplier, on every restart.
 *
 * <p>Its states and transitions are in {@link IncarnationState}.
 * Whether the worker is paused is kept across restarts (in its {@link WorkerRuns}), so an
 * incarnation started while the worker is paused starts PAUSED. Whether it is parked (a check it
 * depends on is DEGRADED, also in {@link WorkerRuns}) is read on every tick: a tick while parked
 * starts no run, and the first tick after it is unparked runs. A run longer than the timeout
 * is interrupted by the {@link Watchdog} and ends as a crash with a {@link RunTimeoutException};
 * the crash is reported when the interrupted run actually returns, so two runs of one worker
 * never overlap. Crashes and recoveries are logged by the worker's {@link CrashLog}, kept across
 * restarts; a crash it only counted exits as {@link Exit#repeated}.
 *
 * <p><b>Threading.</b> This class is thread-safe. Runs happen on the scheduler's threads, one at
 * a time; a run that ends in time takes no lock and no latch. Runs are timed (two
 * {@link System#nanoTime()} reads) only when someone listens. {@link #stop} may be called from
 * any thread and blocks for up to the shutdown timeout (plus one second after interrupting a run
 * that does not end).
 *
 * @since 0.1.0
 */
public final class PeriodicWorker implements Child {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicWorker.class);

	private final WorkerSpec spec;

	private final WorkerJob job;

	private final WorkerRuntime runtime;

	private final WorkerRuns runs;

	private final CrashLog crashLog;

	private final ExitHandler exitHandler;

	private final boolean listening;

	private final boolean observing;

	private final IncarnationState state;

	private final RunInProgress runInProgress = new RunInProgress();

	private final Ticks ticks;

	/** The worker's restart backoff, kept across restarts, or {@code null} for none. */
	private final RestartBackoff backoff;

	private PeriodicWorker(WorkerSpec spec, WorkerJob job, WorkerRuntime runtime, WorkerRuns runs,
			RestartBackoff backoff, CrashLog crashLog, ExitHandler exitHandler) {
		this.spec = spec;
		this.job = job;
		this.runtime = runtime;
		this.runs = runs;
		this.backoff = backoff;
		this.crashLog = crashLog;
		this.exitHandler = exitHandler;
		this.listening = runtime.listener() != WorkerListener.NONE;
		this.observing = runtime.observer() != RunObserver.NONE;
		this.state = new IncarnationState(runs.paused());
		this.ticks = new Ticks(spec.schedule(), runtime.scheduler(), runtime.clock(), this::runOnce, runs);
	}

	/**
	 * The child spec of a worker: each start takes a fresh job from {@code jobs} (a new instance
	 * for a prototype bean); the first start waits the initial delay, every restart one interval
	 * (a cron worker: until its next fire time), or after a crash the spec's {@link Backoff}
	 * delay if it has one.
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param runtime scheduler, watchdog and listener
	 * @param runs the worker's run record, kept across restarts
	 * @return the child spec, with the worker's restart type and shutdown timeout; its crashes are
	 * logged by a {@link CrashLog#withDefaults crash log with the defaults}
	 */
	public static ChildSpec childSpec(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime,
			WorkerRuns runs) {
		return childSpec(spec, jobs, runtime, runs, CrashLog.withDefaults(spec.name(), runtime.clock()));
	}

	/**
	 * The child spec of a worker whose crashes {@code crashLog} logs.
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param runtime scheduler, watchdog and listener
	 * @param runs the worker's run record, kept across restarts
	 * @param crashLog the worker's crash log, kept across restarts
	 * @return the child spec, with the worker's restart type and shutdown timeout
	 * @see #childSpec(WorkerSpec, Supplier, WorkerRuntime, WorkerRuns)
	 */
	public static ChildSpec childSpec(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime,
			WorkerRuns runs, CrashLog crashLog) {
		Objects.requireNonNull(jobs, "jobs");
		Objects.requireNonNull(crashLog, "crashLog");
		AtomicBoolean firstStart = new AtomicBoolean(true);
		RestartBackoff backoff = (spec.backoff() != null)
				? new RestartBackoff(spec.backoff(), runtime.clock(), runtime.random()) : null;
		return ChildSpec.worker(spec.name(), (exitHandler) -> {
			boolean first = firstStart.getAndSet(false);
			WorkerJob job = Objects.requireNonNull(jobs.get(), () -> "no job for worker '" + spec.name() + "'");
			PeriodicWorker worker = new PeriodicWorker(spec, job, runtime, runs, backoff, crashLog, exitHandler);
			Duration afterCrash = (backoff != null) ? backoff.incarnationStarting() : null;
			if (worker.state.get() == State.SCHEDULED) {
				worker.ticks.start(first ? spec.initialDelay()
						: (afterCrash != null) ? afterCrash : worker.ticks.untilNextTick());
			}
			return worker;
		}).withRestart(spec.restart()).withShutdownTimeout(spec.shutdownTimeout());
	}

	/**
	 * Pauses this incarnation: no new run starts; a run in progress finishes. Not a crash. To
	 * keep a worker paused across restarts, also mark its {@link WorkerRuns#paused(boolean)}.
	 * @return whether it was running or scheduled (so is now pausing or paused)
	 */
	public boolean pause() {
		State from = this.state.transition(Event.PAUSE);
		if (from == State.SCHEDULED || from == State.PARKED) {
			this.ticks.cancel();
		}
		return from == State.SCHEDULED || from == State.PARKED || from == State.RUNNING;
	}

	/**
	 * Resumes a paused incarnation: it runs again on its next tick.
	 * @return whether it was paused or pausing
	 */
	public boolean resume() {
		State from = this.state.transition(Event.RESUME);
		if (from == State.PAUSED) {
			this.ticks.start(this.ticks.untilNextTick());
		}
		return from == State.PAUSED || from == State.PAUSING;
	}

	/**
	 * Runs the job once now, unless a run is in progress or the worker is paused, parked or stopped;
	 * later runs follow the schedule from this one.
	 * @return what happened
	 */
	public Trigger trigger() {
		State now = this.state.get();
		return switch (now) {
			case SCHEDULED, PARKED -> {
				if (this.runs.parked()) {
					yield Trigger.PARKED;
				}
				this.ticks.now();
				yield Trigger.STARTED;
			}
			case RUNNING, PAUSING -> Trigger.RUN_IN_PROGRESS;
			case PAUSED -> Trigger.PAUSED;
			default -> Trigger.NOT_RUNNING;
		};
	}

	private void runOnce() {
		parkOrUnpark();
		if (this.state.transition(Event.RUN_DUE) != State.SCHEDULED) {
			return; // parked, or stopped or exited meanwhile
		}
		this.runs.runStarted();
		if (this.backoff != null) {
			this.backoff.runStarting();
		}
		Watchdog.Guard guard = this.runtime.watchdog().guard(this.spec.timeout());
		this.runInProgress.started(guard);
		long start = this.listening ? System.nanoTime() : 0;
		Throwable failure = null;
		boolean again = true;
		Object observed = this.observing ? RunObserverCalls.starting(this.runtime.observer(), this.spec.name()) : null;
		try {
			again = this.job.runOnce();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		guard.end();
		long took = this.listening ? System.nanoTime() - start : -1;
		RunOutcome outcome = RunOutcome.SUCCESS;
		if (guard.timedOut()) {
			failure = new RunTimeoutException(this.spec.name(), this.spec.timeout(), failure);
			outcome = RunOutcome.TIMEOUT;
		}
		else if (failure != null) {
			outcome = RunOutcome.FAILURE;
		}
		boolean exits = failure != null || !again;
		State from = this.state.transition(exits ? Event.RUN_EXITED : Event.RUN_COMPLETED);
		this.runs.runEnded(outcome, failure, start, took, this.runtime.clock());
		if (this.backoff != null && from != State.STOPPING) {
			this.backoff.runEnded(failure != null);
		}
		if (from == State.STOPPING) {
			this.ticks.cancel();
			this.runInProgress.endedWhileStopping();
		}
		else if (exits || from == State.PAUSING) {
			this.ticks.cancel();
		}
		else {
			this.ticks.afterRun();
		}
		boolean repeated = logRun(failure, from == State.STOPPING);
		if (this.observing) {
			RunObserverCalls.ended(this.runtime.observer(), observed, this.spec.name(), outcome, failure);
		}
		if (this.listening) {
			notifyListener(outcome, took, failure);
		}
		if (exits && (from == State.RUNNING || from == State.PAUSING)) {
			this.exitHandler.exited((failure == null) ? Exit.normal()
					: repeated ? Exit.repeated(failure) : Exit.abnormal(failure));
		}
	}

	/** A tick while parked starts no run (a one-shot schedule ticks on); the first one after runs. */
	private void parkOrUnpark() {
		if (!this.runs.parked()) {
			this.state.transition(Event.UNPARK);
			return;
		}
		State from = this.state.transition(Event.PARK);
		if (from == State.SCHEDULED || from == State.PARKED) {
			this.ticks.afterRun();
		}
	}

	/** @return whether the run crashed as the one before and was only counted, not logged */
	private boolean logRun(Throwable failure, boolean stopping) {
		if (failure == null) {
			this.crashLog.succeeded();
			return false;
		}
		if (stopping) {
			logger.info("Worker '{}' ended its last run with {} while stopping", this.spec.name(), failure.toString());
			return false;
		}
		return this.crashLog.crashed(failure);
	}

	private void notifyListener(RunOutcome outcome, long tookNanos, Throwable failure) {
		try {
			this.runtime.listener().runFinished(this.spec.name(), outcome, Duration.ofNanos(tookNanos), failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Worker listener failed for worker '{}'", this.spec.name(), ex);
		}
	}

	/**
	 * Stops this worker: a due run is cancelled; a run in progress gets {@code shutdownTimeout}
	 * to finish, then is interrupted. The worker does not report an exit after this.
	 */
	@Override
	public void stop(Duration shutdownTimeout) {
		State from = this.state.transition(Event.STOP);
		if (from == State.SCHEDULED || from == State.PAUSED || from == State.PARKED) {
			this.ticks.cancel();
			return;
		}
		if (from != State.RUNNING && from != State.PAUSING) {
			return;
		}
		this.runInProgress.awaitEnd(this.spec.name(), shutdownTimeout);
	}

}
