package dev.resilience.tree;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerScheduler;

/**
 * When one worker last succeeded, and its stale alarm: {@code <worker>_stale} is set once the
 * worker has had no successful run for {@code staleAfter} since the tree started it or since its
 * last success, and cleared by its next success. That covers a run that hangs without a timeout,
 * a worker stopped, paused or parked, and a cluster singleton that never gets its lock: a run
 * skipped for the lock is no success.
 *
 * <p>The watch is one one-shot task on the scheduler at a time, due when the worker would go
 * stale, and again one {@code staleAfter} later while it is stale; a success costs one clock read.
 *
 * <p><b>Threading.</b> Thread-safe: runs report successes, the scheduler runs the checks, and
 * raising and clearing are serialized on this object.
 */
final class StaleWatch implements WorkerListener {

	private final String worker;

	private final Clock clock;

	private final Duration staleAfter;

	private final Severity severity;

	private final Alarms alarms;

	private final WorkerScheduler scheduler;

	private final ClusterSingleton singleton;

	/** The last success, or the start while there is none, in epoch millis; -1 before start. */
	private volatile long lastSuccessMillis = -1;

	private volatile boolean succeeded;

	private volatile boolean raised;

	private volatile boolean stopped;

	private ScheduledFuture<?> next;

	/**
	 * @param worker the worker's name
	 * @param clock tells the time
	 * @param staleAfter how long without a success raises the alarm, or {@code null} for no alarm
	 * @param severity the alarm's severity
	 * @param alarms where the alarm goes, or {@code null} for no alarm
	 * @param scheduler runs the checks
	 * @param singleton the worker's cluster lock, or {@code null}
	 */
	StaleWatch(String worker, Clock clock, Duration staleAfter, Severity severity, Alarms alarms,
			WorkerScheduler scheduler, ClusterSingleton singleton) {
		this.worker = worker;
		this.clock = clock;
		this.staleAfter = (alarms != null) ? staleAfter : null;
		this.severity = severity;
		this.alarms = alarms;
		this.scheduler = scheduler;
		this.singleton = singleton;
	}

	/**
	 * @param worker a worker's name
	 * @return the id of its stale alarm
	 */
	static String alarmId(String worker) {
		return worker + "_stale";
	}

	/** The tree starts: the age counts from now, and the first check is one stale-after away. */
	synchronized void start() {
		this.stopped = false;
		if (this.lastSuccessMillis < 0) {
			this.lastSuccessMillis = this.clock.millis();
		}
		if (this.staleAfter != null) {
			checkIn(this.staleAfter);
		}
	}

	/** The tree stops: no more checks. */
	synchronized void stop() {
		this.stopped = true;
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
	}

	/**
	 * @return how long since the last successful run, or since the start without one; zero
	 * before the start
	 */
	Duration age() {
		long since = this.lastSuccessMillis;
		return (since < 0) ? Duration.ZERO : Duration.ofMillis(Math.max(0, this.clock.millis() - since));
	}

	/** @return when the last successful run ended, or {@code null} if none did */
	Instant lastSuccess() {
		return this.succeeded ? Instant.ofEpochMilli(this.lastSuccessMillis) : null;
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		if (failure != null || (this.singleton != null && !this.singleton.ranTheJob())) {
			return;
		}
		this.lastSuccessMillis = this.clock.millis();
		this.succeeded = true;
		if (this.raised) {
			clear();
		}
	}

	private synchronized void clear() {
		if (this.raised) {
			this.raised = false;
			this.alarms.clear(alarmId(this.worker));
		}
	}

	private synchronized void check() {
		if (this.stopped) {
			return;
		}
		Duration age = age();
		if (age.compareTo(this.staleAfter) < 0) {
			checkIn(this.staleAfter.minus(age));
			return;
		}
		if (!this.raised) {
			this.raised = true;
			this.alarms.set(alarmId(this.worker), this.severity, "worker '" + this.worker + "' has had no successful run for "
					+ age.toSeconds() + "s" + (this.succeeded ? "" : " since it started"));
		}
		checkIn(this.staleAfter);
	}

	private void checkIn(Duration delay) {
		try {
			this.next = this.scheduler.schedule(this::check, delay);
		}
		catch (RejectedExecutionException ex) {
			this.next = null; // the scheduler is shutting down with the application
		}
	}

}
