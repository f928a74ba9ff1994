package dev.resilience.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

import dev.resilience.worker.WorkerState.Action;
import dev.resilience.worker.WorkerState.Event;
import dev.resilience.worker.WorkerState.Step;

/**
 * The life of one worker across its incarnations: its one {@link WorkerState}, moved only by
 * {@link WorkerState#on}, and the effects each transition decides. A transition that replaces the
 * pending tick cancels the old one's timer task and installs the new one on the timer; a tick
 * that fires hands its run to the run threads; a run that ends and whose next tick is already due
 * runs that tick on its own thread, with no trip through the timer.
 *
 * <p>Operators ({@link #pause}, {@link #resume}, {@link #trigger}) and checks ({@link #park},
 * {@link #unpark}) may call it from any thread at any time, also between incarnations: whatever
 * arrives together, at most one tick is pending and at most one run is in flight.
 *
 * <p><b>Threading.</b> This class is thread-safe and lock-free: one compare-and-set per event.
 * Nothing here calls user code; the timer's tasks only decide and hand over.
 *
 * @since 0.1.0
 */
public final class WorkerCycle implements WorkerState.TickSource {

	private final WorkerSpec spec;

	private final WorkerRuntime runtime;

	/** Holds the worker's one state. */
	private final WorkerRuns runs;

	/** The incarnation the state's {@code incarnation} number stands for. */
	private volatile PeriodicWorker current;

	/** The delay of the next incarnation's first tick, or {@code null} if it has none. */
	private volatile Duration firstDelay;

	/**
	 * @param spec the worker
	 * @param runtime its timer and run threads
	 * @param runs its run record, which holds its state
	 */
	public WorkerCycle(WorkerSpec spec, WorkerRuntime runtime, WorkerRuns runs) {
		this.spec = spec;
		this.runtime = runtime;
		this.runs = runs;
		runs.timer(runtime.scheduler());
	}

	/** @return the worker's run record */
	public WorkerRuns runs() {
		return this.runs;
	}

	/** @return how many incarnations the worker has had: 0 before its first start, 1 after it */
	public int incarnations() {
		return this.runs.state().incarnation();
	}

	/**
	 * Pauses the worker, for its current and later incarnations: no new run starts; a run in
	 * flight finishes. Not a crash.
	 * @return whether an incarnation was live and not paused
	 */
	public boolean pause() {
		WorkerState from = apply(Event.PAUSE, false).from();
		return from.live() && !from.paused();
	}

	/**
	 * Resumes a paused worker: it runs again on its schedule's next tick.
	 * @return whether an incarnation was live and paused
	 */
	public boolean resume() {
		WorkerState from = apply(Event.RESUME, false).from();
		return from.live() && from.paused();
	}

	/**
	 * Runs the job once now, unless a run is in flight or the worker is paused, parked or not
	 * running; later runs follow the schedule from this one.
	 * @return what happened
	 */
	public Trigger trigger() {
		return apply(Event.TRIGGER, false).from().triggerOutcome();
	}

	/**
	 * Parks the worker: its ticks go on but start no run.
	 * @return whether it was not parked
	 */
	public boolean park() {
		return !apply(Event.PARK, false).from().parked();
	}

	/**
	 * Unparks the worker: its next tick runs.
	 * @return whether it was parked
	 */
	public boolean unpark() {
		return apply(Event.UNPARK, false).from().parked();
	}

	/**
	 * Starts an incarnation.
	 * @param incarnation the incarnation
	 * @param firstDelay the delay of its first tick, or {@code null} for none (a cron expression
	 * that never fires again)
	 */
	void start(PeriodicWorker incarnation, Duration firstDelay) {
		int n = this.runs.state().incarnation() + 1; // starts are serialized by the supervisor
		incarnation.number(n); // before the start publishes it: its first tick may fire at once
		this.current = incarnation;
		this.firstDelay = firstDelay;
		apply(Event.start(n), false);
	}

	Step stop(int incarnation) {
		return apply(Event.stop(incarnation), false).step();
	}

	void abandon(int incarnation) {
		apply(Event.abandon(incarnation), false);
	}

	/**
	 * A run knows its outcome, on its own thread, before anyone hears of it: moves the streak.
	 * @param incarnation the incarnation whose run it is
	 * @param failed whether it threw or timed out
	 * @return the streak before and after it
	 */
	Streak outcome(int incarnation, boolean failed) {
		WorkerState before = this.runs.state();
		WorkerState after = apply(Event.outcome(incarnation, failed), true).step().state();
		return new Streak(before.streak(), after.streak());
	}

	/**
	 * The failure streak around one run's outcome.
	 * @param before failed runs in a row before it
	 * @param after failed runs in a row after it (0 after a success)
	 */
	record Streak(int before, int after) {
	}

	/**
	 * A run ended, on its own thread.
	 * @return the transition, whose {@code inline} tick (if any) this thread is to run next
	 */
	Transition runEnded(int incarnation, Tick from, boolean exits) {
		return apply(Event.runEnded(incarnation, from, exits), true);
	}

	/** @return the current state */
	WorkerState state() {
		return this.runs.state();
	}

	/**
	 * Applies one event and carries out the change of the pending tick.
	 * @param event what happened
	 * @param onRunThread whether the caller is the worker's run thread, which runs a tick that
	 * is due at once itself
	 */
	private Transition apply(Event event, boolean onRunThread) {
		WorkerState from;
		Step step;
		do {
			from = this.runs.state();
			step = from.on(event, this);
		}
		while (step.state() != from && !this.runs.compareAndSetState(from, step.state()));
		Tick inline = null;
		Tick before = from.pending();
		Tick after = step.state().pending();
		if (before != after) {
			if (before != null) {
				before.cancel();
			}
			if (after != null) {
				inline = install(after, onRunThread);
			}
		}
		return new Transition(from, step, inline);
	}

	/** @return the tick itself if this run thread is to run it at once, else {@code null} */
	private Tick install(Tick tick, boolean onRunThread) {
		long delay = tick.dueNanos() - this.runtime.scheduler().nanoTime();
		if (onRunThread && delay <= 0) {
			return tick;
		}
		try {
			tick.timerTask(this.runtime.scheduler().schedule(tick, Duration.ofNanos(delay)));
		}
		catch (RejectedExecutionException ex) {
			return null; // the timer is closed: the application is shutting down
		}
		if (this.runs.state().pending() != tick) {
			tick.cancel(); // replaced while it was being installed
		}
		return null;
	}

	/** On the timer: a tick fired; a run it starts goes to the run threads. */
	void fire(Tick tick) {
		if (apply(Event.tick(tick), false).step().action() == Action.RUN) {
			PeriodicWorker incarnation = this.current;
			try {
				this.runtime.runThreads().execute(() -> runFrom(incarnation, tick));
			}
			catch (RejectedExecutionException ex) {
				runEnded(incarnation.number(), tick, false); // the run threads are closed: shutting down
			}
		}
	}

	/** On a run thread: runs the tick, then every tick that is due by the time a run ends. */
	void runFrom(PeriodicWorker incarnation, Tick tick) {
		Tick next = incarnation.runOnce(tick);
		while (next != null) {
			if (apply(Event.tick(next), false).step().action() != Action.RUN) {
				return;
			}
			next = this.current.runOnce(next);
		}
	}

	@Override
	public Tick first() {
		Duration delay = this.firstDelay;
		return (delay != null) ? after(delay) : null;
	}

	@Override
	public Tick next(Tick previous) {
		Schedule schedule = this.spec.schedule();
		if (schedule instanceof Schedule.FixedRate fixedRate && previous != null) {
			long due = previous.dueNanos() + fixedRate.rate().toNanos();
			long now = this.runtime.scheduler().nanoTime();
			return new Tick(Math.max(due, now), this); // late: at once, the missed ticks skipped
		}
		Duration delay = untilNextTick();
		return (delay != null) ? after(delay) : null;
	}

	@Override
	public Tick now() {
		return new Tick(this.runtime.scheduler().nanoTime(), this);
	}

	/** @return how long from now until the schedule's next tick: one interval, or the next fire time */
	Duration untilNextTick() {
		if (this.spec.schedule() instanceof Schedule.Cron cron) {
			Instant now = this.runtime.clock().instant();
			Instant next = cron.fires().after(now);
			return (next != null) ? Duration.between(now, next) : null;
		}
		return this.spec.schedule().interval();
	}

	private Tick after(Duration delay) {
		return new Tick(this.runtime.scheduler().nanoTime() + delay.toNanos(), this);
	}

	/**
	 * One applied event.
	 * @param from the state it was applied in
	 * @param step the new state and its action
	 * @param inline a tick due at once that the calling run thread is to run, or {@code null}
	 */
	record Transition(WorkerState from, Step step, Tick inline) {
	}

}
