package dev.resilience.alarm;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one alarm's remedy, with Alarmist's states and transitions:
 *
 * <pre>
 * clear            --set-->                            running
 * running          --cleared-->                        finishing_run
 * running          --callback completes or times out--> waiting_to_retry
 * waiting_to_retry --retry timer-->                    running
 * waiting_to_retry --cleared-->                        clear
 * finishing_run    --callback completes or times out--> clear
 * finishing_run    --set-->                            running
 * </pre>
 *
 * Toggles while a callback runs never queue a second run. Without a retry timeout the callback
 * runs once per set. A callback past its timeout is interrupted and the machine moves on at once;
 * a callback that ignores the interruption is left to finish on its own and its result is
 * ignored.
 *
 * <p>This class is thread-safe: transitions are serialized on this object; the callback runs on
 * the remedy executor, outside the lock.
 */
final class RemedyWorker {

	private static final Logger logger = LoggerFactory.getLogger(RemedyWorker.class);

	private final String alarmId;

	private final RemedyCallback callback;

	private final Duration callbackTimeout;

	private final Duration retryTimeout;

	private final ExecutorService executor;

	private final ScheduledExecutorService timer;

	private final AlarmObserver observer;

	private State state = State.CLEAR;

	private long run;

	private Thread runner;

	private long runStartedNanos;

	private ScheduledFuture<?> timeoutTimer;

	private ScheduledFuture<?> retryTimer;

	private boolean removed;

	/**
	 * @param alarmId the alarm this remedy is for
	 * @param callback the remedy
	 * @param callbackTimeout how long a run may take
	 * @param retryTimeout how long after a run, while the alarm stays set, the next run starts;
	 * {@code null} for never
	 */
	RemedyWorker(String alarmId, RemedyCallback callback, Duration callbackTimeout, Duration retryTimeout,
			ExecutorService executor, ScheduledExecutorService timer, AlarmObserver observer) {
		this.alarmId = alarmId;
		this.callback = callback;
		this.callbackTimeout = callbackTimeout;
		this.retryTimeout = retryTimeout;
		this.executor = executor;
		this.timer = timer;
		this.observer = observer;
	}

	synchronized State state() {
		return this.state;
	}

	synchronized void alarmSet() {
		if (this.removed) {
			return;
		}
		switch (this.state) {
			case CLEAR -> startRun();
			case FINISHING_RUN -> this.state = State.RUNNING;
			default -> {
				// already running or waiting to retry: a set never queues a second run
			}
		}
	}

	synchronized void alarmCleared() {
		if (this.removed) {
			return;
		}
		switch (this.state) {
			case RUNNING -> this.state = State.FINISHING_RUN;
			case WAITING_TO_RETRY -> {
				cancel(this.retryTimer);
				this.state = State.CLEAR;
			}
			default -> {
				// clear or finishing: nothing more to do
			}
		}
	}

	/** Stops the remedy: cancels its timers and interrupts a running callback. */
	synchronized void remove() {
		this.removed = true;
		cancel(this.retryTimer);
		cancel(this.timeoutTimer);
		if (this.runner != null) {
			this.runner.interrupt();
		}
		this.state = State.CLEAR;
	}

	private void startRun() {
		this.state = State.RUNNING;
		long thisRun = ++this.run;
		this.executor.execute(() -> runCallback(thisRun));
		this.timeoutTimer = this.timer.schedule(() -> timedOut(thisRun), this.callbackTimeout.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	private void runCallback(long thisRun) {
		synchronized (this) {
			if (thisRun != this.run || this.removed) {
				return;
			}
			this.runner = Thread.currentThread();
			this.runStartedNanos = System.nanoTime();
		}
		RemedyOutcome outcome = RemedyOutcome.COMPLETED;
		try {
			this.callback.run();
		}
		catch (Throwable ex) {
			outcome = RemedyOutcome.FAILED;
			logger.warn("Remedy for alarm '{}' failed: {}", this.alarmId, ex.toString());
		}
		synchronized (this) {
			if (this.runner == Thread.currentThread()) {
				this.runner = null;
			}
			Thread.interrupted(); // an interrupt meant for this callback must not reach the executor
			if (thisRun != this.run || this.removed || !isRunning()) {
				return; // timed out or removed meanwhile: already accounted for
			}
			cancel(this.timeoutTimer);
			finishRun(outcome);
		}
	}

	private synchronized void timedOut(long thisRun) {
		if (thisRun != this.run || this.removed || !isRunning()) {
			return;
		}
		logger.warn("Remedy for alarm '{}' ran longer than {} and was interrupted", this.alarmId, this.callbackTimeout);
		if (this.runner != null) {
			this.runner.interrupt();
			this.runner = null;
		}
		this.run++; // the interrupted callback's own end is ignored
		finishRun(RemedyOutcome.TIMEOUT);
	}

	private boolean isRunning() {
		return this.state == State.RUNNING || this.state == State.FINISHING_RUN;
	}

	private void finishRun(RemedyOutcome outcome) {
		Duration took = Duration.ofNanos(System.nanoTime() - this.runStartedNanos);
		if (this.state == State.FINISHING_RUN) {
			this.state = State.CLEAR;
		}
		else {
			this.state = State.WAITING_TO_RETRY;
			if (this.retryTimeout != null) {
				long waitingSince = this.run;
				this.retryTimer = this.timer.schedule(() -> retry(waitingSince), this.retryTimeout.toNanos(),
						TimeUnit.NANOSECONDS);
			}
		}
		try {
			this.observer.remedyRun(this.alarmId, outcome, took);
		}
		catch (RuntimeException ex) {
			logger.warn("Alarm observer failed", ex);
		}
	}

	private synchronized void retry(long waitingSince) {
		if (!this.removed && this.state == State.WAITING_TO_RETRY && this.run == waitingSince) {
			startRun();
		}
	}

	private static void cancel(ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	/** Alarmist's remedy states. */
	enum State {

		CLEAR, RUNNING, FINISHING_RUN, WAITING_TO_RETRY

	}

}
