package dev.resilience.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import dev.resilience.runtime.UserText;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.ChildStarter;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.ExitHandler;
import dev.resilience.worker.WorkerState.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incarnation of a periodic worker: runs its job on its {@link Schedule} until the job throws
 * (an abnormal exit), returns {@code false} (a normal exit) or the worker is stopped. Its
 * supervisor starts a new incarnation, with a job from the job supplier, on every restart.
 *
 * <p>The worker's state, kept across incarnations, and its schedule belong to its
 * {@link WorkerCycle}; this class runs one run at a time when the cycle says so. A run longer than
 * the timeout is interrupted by the {@link Watchdog} and ends as a crash with a
 * {@link RunTimeoutException}; the crash is reported when the interrupted run actually returns, so
 * two runs of one worker never overlap. Crashes and recoveries are logged by the worker's
 * {@link CrashLog}, kept across restarts; a crash it only counted exits as {@link Exit#repeated}.
 *
 * <p><b>Threading.</b> This class is thread-safe. Runs happen on the runtime's run threads, one
 * at a time; a run that ends in time takes no lock and no latch. Runs are timed (two
 * {@code nanoTime} reads) only when someone listens. {@link #stop} may be called from any thread
 * and blocks for up to the shutdown timeout (plus one second after interrupting a run that does
 * not end).
 *
 * @since 0.1.0
 */
public final class PeriodicWorker extends RunInProgress implements Child {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicWorker.class);

	private final WorkerSpec spec;

	private final WorkerJob job;

	private final WorkerRuntime runtime;

	private final WorkerCycle cycle;

	private final CrashLog crashLog;

	private final ExitHandler exitHandler;

	private final boolean listening;

	private final boolean observing;

	/** The worker's restart backoff, kept across restarts, or {@code null} for none. */
	private final RestartBackoff backoff;

	private int number;

	private PeriodicWorker(WorkerCycle cycle, WorkerSpec spec, WorkerJob job, WorkerRuntime runtime,
			RestartBackoff backoff, CrashLog crashLog, ExitHandler exitHandler) {
		this.cycle = cycle;
		this.spec = spec;
		this.job = job;
		this.runtime = runtime;
		this.backoff = backoff;
		this.crashLog = crashLog;
		this.exitHandler = exitHandler;
		this.listening = runtime.listener() != WorkerListener.NONE;
		this.observing = runtime.observer() != RunObserver.NONE;
	}

	/**
	 * The child spec of a worker: each start takes a fresh job from {@code jobs} (a new instance
	 * for a prototype bean); the first start waits the initial delay, every restart one interval
	 * (a cron worker: until its next fire time), or after a crash the spec's {@link Backoff}
	 * delay if it has one.
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param runtime timer, run threads, watchdog and listener
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
	 * @param runtime timer, run threads, watchdog and listener
	 * @param runs the worker's run record, kept across restarts
	 * @param crashLog the worker's crash log, kept across restarts
	 * @return the child spec, with the worker's restart type and shutdown timeout
	 * @see #childSpec(WorkerSpec, Supplier, WorkerRuntime, WorkerRuns)
	 */
	public static ChildSpec childSpec(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime,
			WorkerRuns runs, CrashLog crashLog) {
		return childSpec(new WorkerCycle(spec, runtime, runs), spec, jobs, runtime, crashLog);
	}

	/**
	 * The child spec of a worker whose state and schedule {@code cycle} keeps.
	 * @param cycle the worker's cycle, kept across restarts
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param runtime timer, run threads, watchdog and listener
	 * @param crashLog the worker's crash log, kept across restarts
	 * @return the child spec, with the worker's restart type and shutdown timeout
	 */
	public static ChildSpec childSpec(WorkerCycle cycle, WorkerSpec spec, Supplier<? extends WorkerJob> jobs,
			WorkerRuntime runtime, CrashLog crashLog) {
		Objects.requireNonNull(jobs, "jobs");
		Objects.requireNonNull(crashLog, "crashLog");
		RestartBackoff backoff = (spec.backoff() != null)
				? new RestartBackoff(spec.backoff(), runtime.clock(), runtime.random()) : null;
		return ChildSpec.worker(spec.name(), new Starter(cycle, spec, jobs, runtime, backoff, crashLog))
			.withRestart(spec.restart())
			.withShutdownTimeout(spec.shutdownTimeout());
	}

	/**
	 * Starts the incarnations of one worker. A class rather than a lambda and an
	 * {@code AtomicBoolean}: one object per worker fewer.
	 */
	private static final class Starter implements ChildStarter {

		private final WorkerCycle cycle;

		private final WorkerSpec spec;

		private final Supplier<? extends WorkerJob> jobs;

		private final WorkerRuntime runtime;

		private final RestartBackoff backoff;

		private final CrashLog crashLog;

		/** Whether it started an incarnation before; starts are serialized by the supervisor's lock. */
		private boolean started;

		Starter(WorkerCycle cycle, WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime,
				RestartBackoff backoff, CrashLog crashLog) {
			this.cycle = cycle;
			this.spec = spec;
			this.jobs = jobs;
			this.runtime = runtime;
			this.backoff = backoff;
			this.crashLog = crashLog;
		}

		@Override
		public Child start(ExitHandler exitHandler) {
			boolean first = !this.started;
			this.started = true;
			WorkerJob job = Objects.requireNonNull(this.jobs.get(),
					() -> "no job for worker '" + this.spec.name() + "'");
			PeriodicWorker worker = new PeriodicWorker(this.cycle, this.spec, job, this.runtime, this.backoff,
					this.crashLog, exitHandler);
			Duration afterCrash = (this.backoff != null) ? this.backoff.incarnationStarting() : null;
			Duration delay = first ? this.spec.initialDelay() : afterCrash;
			this.cycle.start(worker, (delay != null) ? delay : this.cycle.untilNextTick());
			return worker;
		}

	}

	/** @return this incarnation's number in its worker's life, from 1 */
	int number() {
		return this.number;
	}

	void number(int number) {
		this.number = number;
	}

	/**
	 * Pauses the worker, this incarnation and later ones: no new run starts; a run in progress
	 * finishes. Not a crash.
	 * @return whether it was live
	 * @see WorkerCycle#pause()
	 */
	public boolean pause() {
		return this.cycle.pause();
	}

	/**
	 * Resumes a paused worker: it runs again on its next tick.
	 * @return whether it was paused
	 * @see WorkerCycle#resume()
	 */
	public boolean resume() {
		return this.cycle.resume();
	}

	/**
	 * Runs the job once now, unless a run is in progress or the worker is paused, parked or stopped;
	 * later runs follow the schedule from this one.
	 * @return what happened
	 * @see WorkerCycle#trigger()
	 */
	public Trigger trigger() {
		return this.cycle.trigger();
	}

	/**
	 * Runs the job once, from the tick it was due at, on a run thread.
	 * @return the next tick if it is due already and this thread is to run it, else {@code null}
	 */
	Tick runOnce(Tick from) {
		if (this.backoff != null) {
			this.backoff.runStarting();
		}
		long start = this.runtime.scheduler().nanoTime();
		this.cycle.runs().runStarted(start);
		Watchdog.Guard guard = this.runtime.watchdog().guard(this.spec.timeout());
		started(guard);
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
		ended();
		long took = this.listening ? this.runtime.scheduler().nanoTime() - start : -1;
		RunOutcome outcome = RunOutcome.SUCCESS;
		if (guard.timedOut()) {
			failure = new RunTimeoutException(this.spec.name(), this.spec.timeout(), failure);
			outcome = RunOutcome.TIMEOUT;
		}
		else if (failure instanceof LeaseLostException) {
			outcome = RunOutcome.LEASE_LOST;
		}
		else if (failure != null) {
			outcome = RunOutcome.FAILURE;
		}
		boolean exits = failure != null || !again;
		boolean stopping = this.cycle.state().stopping();
		WorkerCycle.Streak streak = this.cycle.outcome(this.number, failure != null);
		this.cycle.runs().runEnded(outcome, failure, start, took, this.runtime.clock());
		if (this.backoff != null && !stopping) {
			this.backoff.runEnded(failure != null);
		}
		boolean repeated = logRun(failure, stopping, streak);
		if (this.observing) {
			RunObserverCalls.ended(this.runtime.observer(), observed, this.spec.name(), outcome, failure);
		}
		if (this.listening) {
			notifyListener(outcome, took, failure);
		}
		WorkerCycle.Transition ended = this.cycle.runEnded(this.number, from, exits);
		Action action = ended.step().action();
		if (action == Action.STOPPED) {
			endedWhileStopping();
		}
		else if (action == Action.EXITED) {
			this.exitHandler.exited((failure == null) ? Exit.normal()
					: repeated ? Exit.repeated(failure) : Exit.abnormal(failure));
		}
		return ended.inline();
	}

	/** @return whether the run crashed as the one before and was only counted, not logged */
	private boolean logRun(Throwable failure, boolean stopping, WorkerCycle.Streak streak) {
		if (failure == null) {
			this.crashLog.succeeded(streak.before());
			return false;
		}
		if (stopping) {
			logger.info("Worker '{}' ended its last run with {} while stopping", this.spec.name(), UserText.logLine(failure));
			return false;
		}
		return this.crashLog.crashed(failure, streak.after());
	}

	private void notifyListener(RunOutcome outcome, long tookNanos, Throwable failure) {
		this.runtime.listener().runFinished(this.spec.name(), outcome, Duration.ofNanos(tookNanos), failure);
	}

	/**
	 * Stops this worker: a due run is cancelled; a run in progress gets {@code shutdownTimeout}
	 * to finish, then is interrupted. The worker does not report an exit after this. A run that
	 * does not end even then is left behind: the next incarnation's first run waits for it.
	 */
	@Override
	public void stop(Duration shutdownTimeout) {
		if (this.cycle.stop(this.number).action() != Action.AWAIT_RUN) {
			return;
		}
		if (!awaitEnd(this.spec.name(), shutdownTimeout)) {
			this.cycle.abandon(this.number);
		}
	}

}
