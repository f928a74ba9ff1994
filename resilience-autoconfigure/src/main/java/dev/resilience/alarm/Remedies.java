package dev.resilience.alarm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;

/**
 * The remedies of an alarm list: one {@link RemedyRunner} per alarm id, told when its alarm is
 * set and cleared. Runs the callbacks on a pool of daemon threads of its own, which also takes
 * over what falls due on the timer and calls user code (a remedy timeout, a debounce's or hold's
 * notice, a handler's failure); the retry timers run on the alarm list's {@link Timer}.
 * {@link #close()} stops the pool; an executor given instead is left running.
 *
 * <p><b>Threading.</b> Not thread-safe: {@link Alarms} calls it under its lock, so each runner
 * hears the sets and clears of its alarm in the order they happened.
 */
final class Remedies {

	private final Map<String, RemedyRunner> runners = new HashMap<>();

	private final Executor executor;

	/** The pool of its own, or {@code null} when it was given an executor. */
	private final ExecutorService ownPool;

	private final Timer timer;

	private final Watchdog watchdog;

	private final Listeners<AlarmObserver> observers;

	/**
	 * @param timer times the retries
	 * @param watchdog times the callbacks
	 * @param observers hear each run's outcome
	 * @param executor runs the callbacks, or {@code null} for a pool of its own
	 */
	Remedies(Timer timer, Watchdog watchdog, Listeners<AlarmObserver> observers, Executor executor) {
		this.timer = timer;
		this.watchdog = watchdog;
		this.observers = observers;
		if (executor != null) {
			this.ownPool = null;
			this.executor = executor;
			return;
		}
		AtomicInteger threads = new AtomicInteger();
		this.ownPool = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "resilience-remedy-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor = this.ownPool;
	}

	/**
	 * Adds the remedy of an alarm, removing an earlier one; runs it at once if the alarm is set.
	 * @param id the alarm's id
	 * @param callback what to do about it
	 * @param callbackTimeout how long one run may take
	 * @param retryTimeout how long after a run it runs again, or {@code null}
	 * @param alarmSet whether the alarm is set now
	 */
	void add(String id, RemedyCallback callback, Duration callbackTimeout, Duration retryTimeout, boolean alarmSet) {
		RemedyRunner runner = new RemedyRunner(id, callback, callbackTimeout, retryTimeout, this.executor,
				this.timer, this.watchdog, this.observers);
		RemedyRunner previous = this.runners.put(id, runner);
		if (previous != null) {
			previous.remove();
		}
		if (alarmSet) {
			runner.alarmSet();
		}
	}

	/**
	 * Removes the remedy of an alarm, interrupting a run in progress.
	 * @param id the alarm's id
	 */
	void remove(String id) {
		RemedyRunner removed = this.runners.remove(id);
		if (removed != null) {
			removed.remove();
		}
	}

	/**
	 * @param id the id of an alarm that was just set
	 */
	void alarmSet(String id) {
		RemedyRunner runner = this.runners.get(id);
		if (runner != null) {
			runner.alarmSet();
		}
	}

	/**
	 * @param id the id of an alarm that was just cleared
	 */
	void alarmCleared(String id) {
		RemedyRunner runner = this.runners.get(id);
		if (runner != null) {
			runner.alarmCleared();
		}
	}

	/**
	 * @param id an alarm's id
	 * @return the state of its remedy, {@code null} if it has none
	 */
	RemedyStates.State state(String id) {
		RemedyRunner runner = this.runners.get(id);
		return (runner != null) ? runner.state() : null;
	}

	/**
	 * @return the remedy pool, which also runs what the timer hands over; it rejects work once
	 * closed
	 */
	Executor executor() {
		return this.executor;
	}

	/**
	 * Removes every remedy, interrupting runs in progress, and stops the remedy threads.
	 */
	void close() {
		this.runners.values().forEach(RemedyRunner::remove);
		this.runners.clear();
		if (this.ownPool != null) {
			this.ownPool.shutdownNow();
		}
	}

}
