package dev.resilience.alarm;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import dev.resilience.alarm.RemedyStates.Event;
import dev.resilience.alarm.RemedyStates.State;
import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.UserText;
import dev.resilience.runtime.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one alarm's remedy, with Alarmist's states and transitions:
 *
 * <pre>
 * CLEAR            --SET-->            RUNNING           start a run
 * RUNNING          --CLEARED-->        FINISHING_RUN
 * RUNNING          --CALLBACK_ENDED--> WAITING_TO_RETRY  start the retry timer
 * WAITING_TO_RETRY --RETRY_DUE-->      RUNNING           start a run
 * WAITING_TO_RETRY --CLEARED-->        CLEAR             cancel the retry timer
 * FINISHING_RUN    --CALLBACK_ENDED--> CLEAR
 * FINISHING_RUN    --SET-->            RUNNING           (the run in progress carries on)
 * any state        --REMOVED-->        CLEAR             interrupt the run, cancel the retry timer; final
 * </pre>
 *
 * Every other event leaves the state as it is. The whole table is {@link RemedyStates#next};
 * what to do follows from the state left and the state entered, in one place. Toggles while a
 * callback runs never queue a second run. Without a retry timeout the callback runs once per set.
 *
 * <p>{@code CALLBACK_ENDED} is the callback returning, throwing, or running past its callback
 * timeout. The timeout counts from the moment the callback starts on its thread (not from the
 * set, which may wait for a free thread): a {@link Watchdog} guard is taken there. A callback
 * past its timeout is interrupted by the watchdog, on the timer thread, which hands the rest over
 * to the remedy executor: there the machine moves on at once; a callback that ignores the
 * interruption is left to finish on its own and its result is ignored. Each run is reported to
 * the observers exactly once.
 *
 * <p><b>Threading.</b> This class is thread-safe: every event is handled under this object's
 * monitor, wherever it comes from (the caller of {@link Alarms}, under the alarm list's lock; the
 * remedy thread; the retry timer). Under the monitor the state changes and the effects are
 * started, none of which blocks or calls user code: a run handed to the executor, a retry handed
 * to the timer, an interrupt. The callback and the observers are called outside the monitor, on
 * a remedy thread, never on the timer thread, so an observer may set and clear alarms.
 */
final class RemedyRunner {

	private static final Logger logger = LoggerFactory.getLogger(RemedyRunner.class);

	private final String alarmId;

	private final RemedyCallback callback;

	private final Duration callbackTimeout;

	private final Duration retryTimeout;

	private final Executor executor;

	private final Timer timer;

	private final Watchdog watchdog;

	private final Listeners<AlarmObserver> observers;

	private State state = State.CLEAR;

	/** The run in progress while the state is RUNNING or FINISHING_RUN, else {@code null}. */
	private Run run;

	/** The pending retry timer while the state is WAITING_TO_RETRY, else {@code null}. */
	private ScheduledFuture<?> retryTimer;

	/** Tells the pending retry timer from one cancelled too late: a new object per timer. */
	private Object retryToken;

	private boolean removed;

	/**
	 * @param alarmId the alarm this remedy is for
	 * @param callback the remedy
	 * @param callbackTimeout how long a run may take, from the start of the callback
	 * @param retryTimeout how long after a run, while the alarm stays set, the next run starts;
	 * {@code null} for never
	 * @param executor runs the callback
	 * @param timer times the retries and the runs' durations
	 * @param watchdog times the callback
	 * @param observers hear each run's outcome
	 */
	RemedyRunner(String alarmId, RemedyCallback callback, Duration callbackTimeout, Duration retryTimeout,
			Executor executor, Timer timer, Watchdog watchdog,
			Listeners<AlarmObserver> observers) {
		this.alarmId = alarmId;
		this.callback = callback;
		this.callbackTimeout = callbackTimeout;
		this.retryTimeout = retryTimeout;
		this.executor = executor;
		this.timer = timer;
		this.watchdog = watchdog;
		this.observers = observers;
	}

	/** @return the current state */
	synchronized State state() {
		return this.state;
	}

	/** The alarm was set (it was clear). */
	synchronized void alarmSet() {
		fire(Event.SET);
	}

	/** The alarm was cleared. */
	synchronized void alarmCleared() {
		fire(Event.CLEARED);
	}

	/** Stops the remedy for good: cancels its retry timer and interrupts a running callback. */
	synchronized void remove() {
		fire(Event.REMOVED);
	}

	private void fire(Event event) {
		if (this.removed) {
			return;
		}
		State from = this.state;
		State to = RemedyStates.next(from, event);
		this.state = to;
		this.removed = event == Event.REMOVED;
		if (from.running() && !to.running()) {
			stopRun();
		}
		if (from == State.WAITING_TO_RETRY && to != from) {
			cancelRetry();
		}
		if (!from.running() && to.running()) {
			startRun();
		}
		if (to == State.WAITING_TO_RETRY && to != from) {
			scheduleRetry();
		}
	}

	private void startRun() {
		Run run = new Run();
		this.run = run;
		this.executor.execute(run);
	}

	/** Interrupts the run if its callback is still going (it is not, unless removed), and forgets it. */
	private void stopRun() {
		Watchdog.Guard guard = this.run.guard;
		if (guard != null) {
			guard.interrupt();
		}
		this.run = null;
	}

	private void scheduleRetry() {
		if (this.retryTimeout == null) {
			return;
		}
		Object token = new Object();
		try {
			this.retryTimer = this.timer.schedule(() -> retryDue(token), this.retryTimeout);
			this.retryToken = token;
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Remedy for alarm '{}' will not be retried: its timer is closed", this.alarmId);
		}
	}

	private void cancelRetry() {
		if (this.retryTimer != null) {
			this.retryTimer.cancel(false);
		}
		this.retryTimer = null;
		this.retryToken = null;
	}

	private synchronized void retryDue(Object token) {
		if (token == this.retryToken) {
			fire(Event.RETRY_DUE);
		}
	}

	/** On the remedy executor's thread. */
	private void runCallback(Run run) {
		Watchdog.Guard guard;
		synchronized (this) {
			if (run != this.run) {
				return; // removed before it could start
			}
			run.startNanos = this.timer.nanoTime();
			try {
				guard = this.watchdog.guard(this.callbackTimeout, () -> timeoutDue(run));
			}
			catch (RejectedExecutionException ex) {
				guard = null;
			}
			run.guard = guard;
		}
		if (guard == null) {
			logger.warn("Remedy for alarm '{}' was not run: its watchdog is closed", this.alarmId);
			ended(run, RemedyOutcome.FAILED);
			return;
		}
		Throwable failure = null;
		try {
			this.callback.run();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (guard.end()) {
			return; // interrupted by its timeout, counted then, or by remove(): either way not ours to report
		}
		if (ended(run, (failure != null) ? RemedyOutcome.FAILED : RemedyOutcome.COMPLETED) && failure != null) {
			logger.warn("Remedy for alarm '{}' failed: {}", this.alarmId, UserText.logLine(failure));
		}
	}

	/** On the timer thread, right after the guard interrupted the callback: only hands over. */
	private void timeoutDue(Run run) {
		try {
			this.executor.execute(() -> timedOut(run));
		}
		catch (RejectedExecutionException ex) {
			// closed: the run was removed with every other
		}
	}

	/** On a remedy thread, after the callback timed out. */
	private void timedOut(Run run) {
		if (ended(run, RemedyOutcome.TIMEOUT)) {
			logger.warn("Remedy for alarm '{}' ran longer than {} and was interrupted", this.alarmId,
					this.callbackTimeout);
		}
	}

	/**
	 * Ends a run, if it is still the current one, under the monitor; then reports it, outside.
	 * @return whether it was the current run and was reported
	 */
	private boolean ended(Run run, RemedyOutcome outcome) {
		Duration took;
		synchronized (this) {
			if (run != this.run) {
				return false;
			}
			took = Duration.ofNanos(this.timer.nanoTime() - run.startNanos);
			fire(Event.CALLBACK_ENDED);
		}
		this.observers.each(this.alarmId, (observer) -> observer.remedyRun(this.alarmId, outcome, took));
		return true;
	}

	/** One run of the callback; its fields are guarded by the runner. */
	private final class Run implements Runnable {

		private long startNanos;

		private Watchdog.Guard guard;

		@Override
		public void run() {
			runCallback(this);
		}

	}

}
