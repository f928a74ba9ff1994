package dev.resilience.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.ExitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incarnation of a periodic worker: runs its job on a fixed delay until the job throws
 * (an abnormal exit), returns {@code false} (a normal exit) or the worker is stopped. Its
 * supervisor starts a new incarnation, with a job from the job supplier, on every restart.
 *
 * <p>States: {@code SCHEDULED} (a run is due) → {@code RUNNING} → back to {@code SCHEDULED}
 * after a successful run, or {@code EXITED}; {@link #stop} moves {@code SCHEDULED} to
 * {@code STOPPED} at once and {@code RUNNING} to {@code STOPPING}, which becomes {@code STOPPED}
 * when the run ends. A run longer than the timeout is interrupted and ends as a crash with a
 * {@link RunTimeoutException}; the crash is reported when the interrupted run actually returns,
 * so two runs of one worker never overlap.
 *
 * <p><b>Threading.</b> This class is thread-safe. Runs happen on the scheduler's threads, one at
 * a time; {@link #stop} may be called from any thread and blocks for up to the shutdown timeout
 * (plus one second after interrupting a run that does not end).
 */
public final class PeriodicWorker implements Child {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicWorker.class);

	private static final Duration GRACE_AFTER_INTERRUPT = Duration.ofSeconds(1);

	private final WorkerSpec spec;

	private final WorkerJob job;

	private final WorkerRuntime runtime;

	private final WorkerStatus status;

	private final ExitHandler exitHandler;

	private final Object lock = new Object();

	private final Runnable run = this::runOnce;

	private State state = State.SCHEDULED;

	private ScheduledFuture<?> nextRun;

	private Thread runner;

	private CountDownLatch runEnded;

	private long runNumber;

	private boolean interruptedByUs;

	private boolean timedOut;

	private PeriodicWorker(WorkerSpec spec, WorkerJob job, WorkerRuntime runtime, WorkerStatus status,
			ExitHandler exitHandler) {
		this.spec = spec;
		this.job = job;
		this.runtime = runtime;
		this.status = status;
		this.exitHandler = exitHandler;
	}

	/**
	 * The child spec of a worker: each start takes a fresh job from {@code jobs} (a new instance
	 * for a prototype bean); the first start waits the initial delay, every restart the
	 * interval.
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param runtime scheduler, timeouts and listener
	 * @param status the worker's status, kept across restarts
	 * @return the child spec, with the worker's restart type and shutdown timeout
	 */
	public static ChildSpec childSpec(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime,
			WorkerStatus status) {
		Objects.requireNonNull(jobs, "jobs");
		AtomicBoolean firstStart = new AtomicBoolean(true);
		return ChildSpec.worker(spec.name(), (exitHandler) -> {
			Duration delay = firstStart.getAndSet(false) ? spec.initialDelay() : spec.interval();
			WorkerJob job = Objects.requireNonNull(jobs.get(), () -> "no job for worker '" + spec.name() + "'");
			PeriodicWorker worker = new PeriodicWorker(spec, job, runtime, status, exitHandler);
			worker.scheduleFirst(delay);
			return worker;
		}).withRestart(spec.restart()).withShutdownTimeout(spec.shutdownTimeout());
	}

	/** @return the worker's spec */
	public WorkerSpec spec() {
		return this.spec;
	}

	private void scheduleFirst(Duration delay) {
		synchronized (this.lock) {
			this.nextRun = schedule(delay);
		}
	}

	private ScheduledFuture<?> schedule(Duration delay) {
		ScheduledFuture<?> future = this.runtime.scheduler().schedule(this.run, delay);
		this.status.scheduled(System.nanoTime() + delay.toNanos());
		return future;
	}

	private void runOnce() {
		CountDownLatch ended;
		long thisRun;
		synchronized (this.lock) {
			if (this.state != State.SCHEDULED) {
				return;
			}
			this.state = State.RUNNING;
			this.runner = Thread.currentThread();
			this.runEnded = ended = new CountDownLatch(1);
			this.runNumber = thisRun = this.runNumber + 1;
			this.nextRun = null;
		}
		this.status.runStarted();
		ScheduledFuture<?> watchdog = (this.spec.timeout() != null)
				? this.runtime.timeouts().schedule(() -> timeOut(thisRun), this.spec.timeout()) : null;
		long startNanos = System.nanoTime();
		Throwable failure = null;
		boolean again = true;
		try {
			again = this.job.runOnce();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (watchdog != null) {
			watchdog.cancel(false);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
		finishRun(ended, failure, again, took);
	}

	private void finishRun(CountDownLatch ended, Throwable thrown, boolean again, Duration took) {
		Throwable failure = thrown;
		RunOutcome outcome;
		Exit exit = null;
		boolean stopping;
		synchronized (this.lock) {
			this.runner = null;
			if (this.interruptedByUs) {
				Thread.interrupted(); // the interrupt was meant for this run, not for the pool thread
				this.interruptedByUs = false;
			}
			stopping = this.state == State.STOPPING;
			if (this.timedOut) {
				failure = new RunTimeoutException(this.spec.name(), this.spec.timeout(), failure);
				outcome = RunOutcome.TIMEOUT;
				this.timedOut = false;
			}
			else {
				outcome = (failure != null) ? RunOutcome.FAILURE : RunOutcome.SUCCESS;
			}
			if (stopping) {
				this.state = State.STOPPED;
			}
			else if (failure != null) {
				this.state = State.EXITED;
				exit = Exit.abnormal(failure);
			}
			else if (!again) {
				this.state = State.EXITED;
				exit = Exit.normal();
			}
			else {
				try {
					this.nextRun = schedule(this.spec.interval());
					this.state = State.SCHEDULED;
				}
				catch (RuntimeException ex) {
					this.state = State.EXITED;
					exit = Exit.abnormal(ex);
				}
			}
		}
		int failuresInRow = this.status.runEnded(failure, (failure != null) ? this.runtime.clock().instant() : null);
		ended.countDown();
		logCrash(failure, failuresInRow, stopping);
		notifyListener(outcome, took, failure);
		if (exit != null) {
			this.exitHandler.exited(exit);
		}
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

	private void notifyListener(RunOutcome outcome, Duration took, Throwable failure) {
		try {
			this.runtime.listener().runFinished(this.spec.name(), outcome, took, failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Worker listener failed for worker '{}'", this.spec.name(), ex);
		}
	}

	private void timeOut(long run) {
		synchronized (this.lock) {
			if (this.runNumber == run && this.runner != null
					&& (this.state == State.RUNNING || this.state == State.STOPPING)) {
				this.timedOut = true;
				this.interruptedByUs = true;
				this.runner.interrupt();
			}
		}
	}

	/**
	 * Stops this worker: a due run is cancelled; a run in progress gets {@code shutdownTimeout}
	 * to finish, then is interrupted. The worker does not report an exit after this.
	 */
	@Override
	public void stop(Duration shutdownTimeout) {
		CountDownLatch ended;
		synchronized (this.lock) {
			switch (this.state) {
				case SCHEDULED -> {
					this.state = State.STOPPED;
					if (this.nextRun != null) {
						this.nextRun.cancel(false);
						this.nextRun = null;
					}
					this.status.unscheduled();
					return;
				}
				case RUNNING -> {
					this.state = State.STOPPING;
					ended = this.runEnded;
				}
				default -> {
					return;
				}
			}
		}
		try {
			if (ended.await(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return;
			}
			synchronized (this.lock) {
				if (this.runner != null) {
					this.interruptedByUs = true;
					this.runner.interrupt();
				}
			}
			if (!ended.await(GRACE_AFTER_INTERRUPT.toNanos(), TimeUnit.NANOSECONDS)) {
				logger.warn("Worker '{}' did not end its run within {} of being interrupted; leaving it behind",
						this.spec.name(), GRACE_AFTER_INTERRUPT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private enum State {

		SCHEDULED, RUNNING, STOPPING, STOPPED, EXITED

	}

}
