package dev.resilience.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.ExitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incarnation of a periodic worker: runs its job on a fixed delay until the job throws (an
 * abnormal exit), returns {@code false} (a normal exit) or the worker is stopped. Its supervisor
 * starts a new incarnation, with a job from the job supplier, on every restart.
 *
 * <p>States and transitions, all in {@link #next}:
 *
 * <pre>
 * SCHEDULED --run due-->             RUNNING
 * RUNNING   --run completed-->       SCHEDULED
 * RUNNING   --run exited-->          EXITED     (threw, timed out, or returned false)
 * SCHEDULED --stop-->                STOPPED
 * RUNNING   --stop-->                STOPPING
 * STOPPING  --run completed/exited--> STOPPED
 * </pre>
 *
 * A run longer than the timeout is interrupted by the {@link Watchdog} and ends as a crash with a
 * {@link RunTimeoutException}; the crash is reported when the interrupted run actually returns,
 * so two runs of one worker never overlap.
 *
 * <p><b>Threading.</b> This class is thread-safe. Runs happen on the scheduler's threads, one at
 * a time, as one periodic task per incarnation; a run that ends in time takes no lock and no
 * latch. Runs are timed (two {@link System#nanoTime()} reads) only when someone listens.
 * {@link #stop} may be called from any thread and blocks for up to the shutdown timeout (plus one
 * second after interrupting a run that does not end).
 *
 * @since 0.1.0
 */
public final class PeriodicWorker implements Child {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicWorker.class);

	private static final Duration GRACE_AFTER_INTERRUPT = Duration.ofSeconds(1);

	private final WorkerSpec spec;

	private final WorkerJob job;

	private final WorkerRuntime runtime;

	private final WorkerRuns runs;

	private final ExitHandler exitHandler;

	private final boolean listening;

	private final boolean observing;

	private final AtomicReference<State> state = new AtomicReference<>(State.SCHEDULED);

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile ScheduledFuture<?> schedule;

	private static final VarHandle CURRENT_RUN;

	static {
		try {
			CURRENT_RUN = MethodHandles.lookup().findVarHandle(PeriodicWorker.class, "currentRun", Watchdog.Guard.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Written once per run with a release store (no fence), read by {@link #stop} to interrupt it. */
	private Watchdog.Guard currentRun;

	private PeriodicWorker(WorkerSpec spec, WorkerJob job, WorkerRuntime runtime, WorkerRuns runs,
			ExitHandler exitHandler) {
		this.spec = spec;
		this.job = job;
		this.runtime = runtime;
		this.runs = runs;
		this.exitHandler = exitHandler;
		this.listening = runtime.listener() != WorkerListener.NONE;
		this.observing = runtime.observer() != RunObserver.NONE;
	}

	/**
	 * The child spec of a worker: each start takes a fresh job from {@code jobs} (a new instance
	 * for a prototype bean); the first start waits the initial delay, every restart the
	 * interval.
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param runtime scheduler, watchdog and listener
	 * @param runs the worker's run record, kept across restarts
	 * @return the child spec, with the worker's restart type and shutdown timeout
	 */
	public static ChildSpec childSpec(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime,
			WorkerRuns runs) {
		Objects.requireNonNull(jobs, "jobs");
		AtomicBoolean firstStart = new AtomicBoolean(true);
		return ChildSpec.worker(spec.name(), (exitHandler) -> {
			Duration delay = firstStart.getAndSet(false) ? spec.initialDelay() : spec.interval();
			WorkerJob job = Objects.requireNonNull(jobs.get(), () -> "no job for worker '" + spec.name() + "'");
			PeriodicWorker worker = new PeriodicWorker(spec, job, runtime, runs, exitHandler);
			worker.schedule(delay);
			return worker;
		}).withRestart(spec.restart()).withShutdownTimeout(spec.shutdownTimeout());
	}

	private void schedule(Duration initialDelay) {
		ScheduledFuture<?> future = this.runtime.scheduler()
			.scheduleWithFixedDelay(this::runOnce, initialDelay, this.spec.interval());
		this.schedule = future;
		this.runs.scheduled(future);
		State now = this.state.get();
		if (now == State.EXITED || now == State.STOPPED) {
			unschedule(); // the first run ended the worker before its future was known
		}
	}

	/**
	 * The transition table: the state after {@code event} in state {@code from}; {@code from}
	 * itself where the event changes nothing.
	 */
	static State next(State from, Event event) {
		return switch (event) {
			case RUN_DUE -> (from == State.SCHEDULED) ? State.RUNNING : from;
			case RUN_COMPLETED -> switch (from) {
				case RUNNING -> State.SCHEDULED;
				case STOPPING -> State.STOPPED;
				default -> from;
			};
			case RUN_EXITED -> switch (from) {
				case RUNNING -> State.EXITED;
				case STOPPING -> State.STOPPED;
				default -> from;
			};
			case STOP -> switch (from) {
				case SCHEDULED -> State.STOPPED;
				case RUNNING -> State.STOPPING;
				default -> from;
			};
		};
	}

	/** Applies an event; returns the state it was applied in. */
	private State transition(Event event) {
		while (true) {
			State from = this.state.get();
			State to = next(from, event);
			if (to == from || this.state.compareAndSet(from, to)) {
				return from;
			}
		}
	}

	private void runOnce() {
		if (transition(Event.RUN_DUE) != State.SCHEDULED) {
			return; // stopped or exited meanwhile
		}
		this.runs.runStarted();
		Watchdog.Guard guard = this.runtime.watchdog().guard(this.spec.timeout());
		CURRENT_RUN.setRelease(this, guard);
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
		State from = transition(exits ? Event.RUN_EXITED : Event.RUN_COMPLETED);
		int failuresInRow = this.runs.runEnded(outcome, failure, start, took, this.runtime.clock());
		if (from == State.STOPPING) {
			unschedule();
			this.stopped.countDown();
		}
		else if (exits) {
			unschedule();
		}
		logCrash(failure, failuresInRow, from == State.STOPPING);
		if (this.observing) {
			RunObserverCalls.ended(this.runtime.observer(), observed, this.spec.name(), outcome, failure);
		}
		if (this.listening) {
			notifyListener(outcome, took, failure);
		}
		if (exits && from == State.RUNNING) {
			this.exitHandler.exited((failure != null) ? Exit.abnormal(failure) : Exit.normal());
		}
	}

	private void unschedule() {
		ScheduledFuture<?> future = this.schedule;
		if (future != null) {
			future.cancel(false);
		}
		this.runs.unscheduled();
	}

	private void logCrash(Throwable failure, int failuresInRow, boolean stopping) {
		if (failure == null) {
			return;
		}
		if (stopping) {
			logger.info("Worker '{}' ended its last run with {} while stopping", this.spec.name(), failure.toString());
		}
		else if (failuresInRow == 1) {
			logger.error("Worker '{}' crashed", this.spec.name(), failure);
		}
		else {
			logger.error("Worker '{}' crashed ({} failed runs in a row): {}", this.spec.name(), failuresInRow,
					failure.toString());
		}
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
		State from = transition(Event.STOP);
		if (from == State.SCHEDULED) {
			unschedule();
			return;
		}
		if (from != State.RUNNING) {
			return;
		}
		try {
			if (this.stopped.await(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return;
			}
			Watchdog.Guard run = (Watchdog.Guard) CURRENT_RUN.getAcquire(this);
			if (run != null) {
				run.interrupt();
			}
			if (!this.stopped.await(GRACE_AFTER_INTERRUPT.toNanos(), TimeUnit.NANOSECONDS)) {
				logger.warn("Worker '{}' did not end its run within {} of being interrupted; leaving it behind",
						this.spec.name(), GRACE_AFTER_INTERRUPT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The life of one incarnation. */
	enum State {

		SCHEDULED, RUNNING, STOPPING, STOPPED, EXITED

	}

	/** What happens to an incarnation. */
	enum Event {

		RUN_DUE, RUN_COMPLETED, RUN_EXITED, STOP

	}

}
