package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * The ticks of one worker incarnation on its scheduler. A fixed delay is one periodic task that
 * the scheduler re-queues after each run; a fixed rate and a cron schedule are one one-shot task
 * per run, each run scheduling the next when it ends, so that runs never overlap. Only the
 * incarnation's own state machine calls this class, one call at a time, except {@link #cancel},
 * which may race with the others: every method that schedules checks for a cancel that came
 * meanwhile.
 */
final class Ticks {

	private final Schedule schedule;

	private final WorkerScheduler scheduler;

	private final Clock clock;

	private final Runnable run;

	private final WorkerRuns runs;

	private volatile ScheduledFuture<?> current;

	private volatile boolean cancelled;

	/** Fixed rate: when the current run was due, on the {@link System#nanoTime()} scale; 0 for none. */
	private volatile long dueNanos;

	Ticks(Schedule schedule, WorkerScheduler scheduler, Clock clock, Runnable run, WorkerRuns runs) {
		this.schedule = schedule;
		this.scheduler = scheduler;
		this.clock = clock;
		this.run = run;
		this.runs = runs;
	}

	/**
	 * @param initialDelay the delay of the first tick, or {@code null} for the schedule's own
	 * (cron: the next fire time; otherwise one interval)
	 */
	void start(Duration initialDelay) {
		this.cancelled = false;
		Duration delay = (initialDelay != null) ? initialDelay : untilNextTick();
		if (this.schedule instanceof Schedule.FixedDelay fixedDelay) {
			track(this.scheduler.scheduleWithFixedDelay(this.run, delay, fixedDelay.delay()));
		}
		else {
			once(delay);
		}
	}

	/** A run ended and the worker goes on: schedules the next tick of a one-shot schedule. */
	void afterRun() {
		if (!(this.schedule instanceof Schedule.FixedDelay)) {
			once(untilNextTick());
		}
	}

	/** Cancels the next tick; a run in progress is not interrupted. */
	void cancel() {
		this.cancelled = true;
		this.dueNanos = 0;
		ScheduledFuture<?> future = this.current;
		if (future != null) {
			future.cancel(false);
		}
		this.runs.unscheduled();
	}

	/** Cancels the next tick and ticks now instead; later ticks follow the schedule from now. */
	void now() {
		cancel();
		start(Duration.ZERO);
	}

	/** @return how long until the next tick after a restart: one interval, or the next fire time */
	Duration untilNextTick() {
		if (this.schedule instanceof Schedule.Cron cron) {
			Instant now = this.clock.instant();
			Instant next = cron.fires().after(now);
			return (next != null) ? Duration.between(now, next) : null;
		}
		if (this.schedule instanceof Schedule.FixedRate fixedRate && this.dueNanos != 0) {
			long late = System.nanoTime() - this.dueNanos;
			long rate = fixedRate.rate().toNanos();
			return Duration.ofNanos(Math.max(0, rate - late)); // late: at once, the missed ticks skipped
		}
		return this.schedule.interval();
	}

	private void once(Duration delay) {
		if (delay == null) {
			this.runs.unscheduled(); // a cron expression that never fires again
			return;
		}
		this.dueNanos = System.nanoTime() + delay.toNanos();
		track(this.scheduler.schedule(this.run, delay));
	}

	private void track(ScheduledFuture<?> future) {
		this.current = future;
		this.runs.scheduled(future);
		if (this.cancelled) {
			future.cancel(false); // cancelled while this tick was being scheduled
			this.runs.unscheduled();
		}
	}

}
