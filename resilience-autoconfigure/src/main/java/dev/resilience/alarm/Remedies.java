package dev.resilience.alarm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Watchdog;

/**
 * The remedies of an alarm list: one {@link RemedyRunner} per alarm id, told when its alarm is
 * set and cleared. Runs the callbacks on a pool of daemon threads of its own, and the retry
 * timers on the given scheduler or, if none was given, on a daemon thread of its own;
 * {@link #close()} stops the threads it started.
 *
 * <p><b>Threading.</b> Not thread-safe: {@link Alarms} calls it under its lock, so each runner
 * hears the sets and clears of its alarm in the order they happened.
 */
final class Remedies {

	private final Map<String, RemedyRunner> runners = new HashMap<>();

	private final ExecutorService executor;

	private final ScheduledExecutorService scheduler;

	private final boolean ownsScheduler;

	private final Watchdog watchdog;

	private final Listeners<AlarmObserver> observers;

	/**
	 * @param scheduler runs the retry timers; {@code null} to start one, stopped by {@link #close()}
	 * @param watchdog times the callbacks
	 * @param observers hear each run's outcome
	 */
	Remedies(ScheduledExecutorService scheduler, Watchdog watchdog, Listeners<AlarmObserver> observers) {
		this.ownsScheduler = scheduler == null;
		this.scheduler = this.ownsScheduler ? startScheduler() : scheduler;
		this.watchdog = watchdog;
		this.observers = observers;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "resilience-remedy-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
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
				this.scheduler, this.watchdog, this.observers);
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

	/** @return the scheduler of the retry timers, which the alarm list's other timers share */
	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/**
	 * Removes every remedy, interrupting runs in progress, and stops the remedy threads and the
	 * scheduler if it started it.
	 */
	void close() {
		this.runners.values().forEach(RemedyRunner::remove);
		this.runners.clear();
		this.executor.shutdownNow();
		if (this.ownsScheduler) {
			this.scheduler.shutdownNow();
		}
	}

	private static ScheduledExecutorService startScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "resilience-remedy-retry");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

}
