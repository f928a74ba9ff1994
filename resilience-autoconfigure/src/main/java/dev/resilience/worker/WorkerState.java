package dev.resilience.worker;

/**
 * The whole state of one worker, across its incarnations, as one immutable value, and the one
 * function that moves it ({@link #on}). {@link WorkerCycle} keeps it under one atomic reference
 * and carries out what each transition decides: install or cancel the single pending tick, start
 * a run, report an exit. So at most one tick is ever pending, at most one run is ever in flight,
 * and a trigger is a transition, not a read.
 *
 * <p>The fields: whether an incarnation is {@code live} (started, not yet exited or stopped) and
 * its number; whether a stop waits for the run in flight ({@code stopping}); whether an operator
 * {@code paused} it; whether a check it depends on {@code parked} it; which incarnation's run is
 * in flight ({@code runOf}, 0 for none); the failure {@code streak} (failed runs in a row, 0 after
 * a success); and the one {@code pending} tick, or {@code null}.
 *
 * <p>The table ("next" is a tick at the schedule's next time: one interval, the rest of a fixed
 * rate, the next cron fire; "first" is the initial delay, or the backoff delay after a crash):
 * <pre>
 * event              when                               then
 * start(n)           not live                           live, incarnation n; pending = first unless
 *                                                       paused or a run is still in flight
 * tick(t)            t is not the pending tick          nothing (a stale tick)
 * tick(t)            parked                             pending = next (no run; it ticks on)
 * tick(t)            a run in flight                    pending = none (the run's end installs next)
 * tick(t)            otherwise                          pending = none, run in flight: RUN
 * outcome(n, f)      n's run in flight, not stopping n      streak + 1 if it failed, else 0 (before run ended)
 * run ended(n)       stopping, n current                not live, not stopping: STOPPED
 * run ended(n)       n is an older incarnation          pending = next if live, not paused, none pending
 * run ended(n)       exits (threw, timed out, false)    not live, pending = none: EXITED
 * run ended(n)       paused                             no tick until resumed
 * run ended(n)       otherwise                          pending = next
 * pause              any                                paused, pending = none
 * resume             paused                             not paused; pending = next if live, idle, none pending
 * trigger            live, not paused, not parked, idle pending = now (replaces the pending tick)
 * park / unpark      any                                parked / not parked (ticks go on)
 * stop(n)            live n, its run in flight          stopping, pending = none: AWAIT_RUN
 * stop(n)            live n, no run of it in flight     not live, pending = none: STOPPED
 * abandon(n)         stopping n                         not live, not stopping; its run stays in flight,
 *                                                       left behind (a stop gave up waiting for it)
 * </pre>
 * Every other event leaves the state as it is. The streak moves only on {@code outcome}, which a
 * run reports as soon as it knows it, before anything hears of the run: so the crash log, the
 * crash-loop alarm and the "recovered after" line all read this one streak. A run that ends while
 * its incarnation is stopping moves no streak: its outcome is no crash.
 *
 * @param live whether an incarnation is started and has neither exited nor been stopped
 * @param incarnation the number of the current (or last) incarnation, from 1; 0 before the first
 * @param stopping whether a stop waits for the current incarnation's run in flight
 * @param paused whether an operator paused the worker
 * @param parked whether a check it depends on is DEGRADED
 * @param runOf the incarnation whose run is in flight, 0 for none
 * @param streak failed runs in a row
 * @param pending the one pending tick, or {@code null}
 */
record WorkerState(boolean live, int incarnation, boolean stopping, boolean paused, boolean parked, int runOf,
		int streak, Tick pending) {

	/** A worker before its first start. */
	static final WorkerState INITIAL = new WorkerState(false, 0, false, false, false, 0, 0, null);

	/** @return whether a run is in flight */
	boolean running() {
		return this.runOf != 0;
	}

	/**
	 * The transition function.
	 * @param event what happened
	 * @param ticks makes the tick that an event installs
	 * @return the new state and what to do about it
	 */
	Step on(Event event, TickSource ticks) {
		return switch (event.kind()) {
			case START -> start(event.incarnation(), ticks);
			case TICK -> tick(event.tick(), ticks);
			case OUTCOME -> stay(outcome(event));
			case RUN_ENDED -> runEnded(event, ticks);
			case PAUSE -> stay(with(this.live, this.stopping, true, this.parked, this.runOf, this.streak, null));
			case RESUME -> stay(resume(ticks));
			case TRIGGER -> stay(triggerable() ? withPending(ticks.now()) : this);
			case PARK -> stay(with(this.live, this.stopping, this.paused, true, this.runOf, this.streak, this.pending));
			case UNPARK -> stay(with(this.live, this.stopping, this.paused, false, this.runOf, this.streak,
					this.pending));
			case STOP -> stop(event.incarnation());
			case ABANDON -> stay((this.stopping && event.incarnation() == this.incarnation)
					? with(false, false, this.paused, this.parked, this.runOf, this.streak, null) : this);
		};
	}

	/** @return what a trigger in this state does */
	Trigger triggerOutcome() {
		if (!this.live || this.stopping) {
			return Trigger.NOT_RUNNING;
		}
		if (this.paused) {
			return Trigger.PAUSED;
		}
		if (this.parked) {
			return Trigger.PARKED;
		}
		return running() ? Trigger.RUN_IN_PROGRESS : Trigger.STARTED;
	}

	private boolean triggerable() {
		return triggerOutcome() == Trigger.STARTED;
	}

	private Step start(int n, TickSource ticks) {
		if (this.live) {
			return stay(this);
		}
		Tick first = (this.paused || running()) ? null : ticks.first();
		return stay(new WorkerState(true, n, false, this.paused, this.parked, this.runOf, this.streak, first));
	}

	private Step tick(Tick tick, TickSource ticks) {
		if (tick == null || tick != this.pending) {
			return stay(this);
		}
		if (this.parked) {
			return stay(withPending(ticks.next(tick)));
		}
		if (running()) {
			return stay(withPending(null));
		}
		return new Step(with(this.live, this.stopping, this.paused, this.parked, this.incarnation, this.streak, null),
				Action.RUN);
	}

	private WorkerState outcome(Event event) {
		if (event.incarnation() != this.runOf || (event.incarnation() == this.incarnation && this.stopping)) {
			return this;
		}
		int streak = event.failed() ? this.streak + 1 : 0;
		return (streak == this.streak) ? this
				: with(this.live, this.stopping, this.paused, this.parked, this.runOf, streak, this.pending);
	}

	private Step runEnded(Event event, TickSource ticks) {
		if (event.incarnation() != this.runOf) {
			return stay(this);
		}
		boolean current = event.incarnation() == this.incarnation;
		int streak = this.streak;
		if (current && this.stopping) {
			return new Step(new WorkerState(false, this.incarnation, false, this.paused, this.parked, 0, streak, null),
					Action.STOPPED);
		}
		if (!current) {
			boolean idle = this.live && !this.paused && this.pending == null;
			return stay(with(this.live, false, this.paused, this.parked, 0, streak,
					idle ? ticks.next(event.tick()) : this.pending));
		}
		if (event.exits()) {
			return new Step(new WorkerState(false, this.incarnation, false, this.paused, this.parked, 0, streak, null),
					Action.EXITED);
		}
		Tick next = this.paused ? null : ticks.next(event.tick());
		return stay(with(this.live, false, this.paused, this.parked, 0, streak, next));
	}

	private WorkerState resume(TickSource ticks) {
		boolean idle = this.live && !this.stopping && !running() && this.pending == null;
		return with(this.live, this.stopping, false, this.parked, this.runOf, this.streak,
				(this.paused && idle) ? ticks.next(null) : this.pending);
	}

	private Step stop(int n) {
		if (!this.live || n != this.incarnation) {
			return stay(this);
		}
		if (this.runOf == n) {
			return new Step(with(true, true, this.paused, this.parked, this.runOf, this.streak, null), Action.AWAIT_RUN);
		}
		return new Step(with(false, false, this.paused, this.parked, this.runOf, this.streak, null), Action.STOPPED);
	}

	private WorkerState withPending(Tick tick) {
		return with(this.live, this.stopping, this.paused, this.parked, this.runOf, this.streak, tick);
	}

	private WorkerState with(boolean live, boolean stopping, boolean paused, boolean parked, int runOf, int streak,
			Tick pending) {
		return new WorkerState(live, this.incarnation, stopping, paused, parked, runOf, streak, pending);
	}

	private static Step stay(WorkerState state) {
		return new Step(state, Action.NONE);
	}

	/** What a transition asks its caller to do, besides (un)installing the pending tick. */
	enum Action {

		/** Nothing more. */
		NONE,
		/** Start a run of the current incarnation. */
		RUN,
		/** The incarnation exited: report it to its supervisor. */
		EXITED,
		/** The incarnation is stopped. */
		STOPPED,
		/** The incarnation is stopping: wait for its run in flight. */
		AWAIT_RUN

	}

	/**
	 * The result of a transition.
	 * @param state the new state
	 * @param action what to do about it
	 */
	record Step(WorkerState state, Action action) {
	}

	/** Makes the tick an event installs; the state machine only decides which one. */
	interface TickSource {

		/** @return the first tick of an incarnation: its initial delay, or its backoff delay after a crash */
		Tick first();

		/**
		 * @param previous the tick the last run started from, or {@code null} (a resume, a left-behind run)
		 * @return a tick at the schedule's next time, or {@code null} if the schedule never fires again
		 */
		Tick next(Tick previous);

		/** @return a tick due now (a trigger) */
		Tick now();

	}

	/**
	 * Something that happened to the worker.
	 * @param kind what
	 * @param incarnation the incarnation it concerns (start, run ended, stop)
	 * @param tick the tick that fired, or the tick the run started from (run ended)
	 * @param failed whether the run failed: threw or timed out (outcome only)
	 * @param exits whether the run ends its incarnation (failed, or returned false)
	 */
	record Event(Kind kind, int incarnation, Tick tick, boolean failed, boolean exits) {

		static final Event PAUSE = new Event(Kind.PAUSE, 0, null, false, false);

		static final Event RESUME = new Event(Kind.RESUME, 0, null, false, false);

		static final Event TRIGGER = new Event(Kind.TRIGGER, 0, null, false, false);

		static final Event PARK = new Event(Kind.PARK, 0, null, false, false);

		static final Event UNPARK = new Event(Kind.UNPARK, 0, null, false, false);

		static Event start(int incarnation) {
			return new Event(Kind.START, incarnation, null, false, false);
		}

		static Event tick(Tick tick) {
			return new Event(Kind.TICK, 0, tick, false, false);
		}

		static Event outcome(int incarnation, boolean failed) {
			return new Event(Kind.OUTCOME, incarnation, null, failed, false);
		}

		static Event runEnded(int incarnation, Tick from, boolean exits) {
			return new Event(Kind.RUN_ENDED, incarnation, from, false, exits);
		}

		static Event stop(int incarnation) {
			return new Event(Kind.STOP, incarnation, null, false, false);
		}

		static Event abandon(int incarnation) {
			return new Event(Kind.ABANDON, incarnation, null, false, false);
		}

	}

	/** The kinds of events. */
	enum Kind {

		START, TICK, OUTCOME, RUN_ENDED, PAUSE, RESUME, TRIGGER, PARK, UNPARK, STOP, ABANDON

	}

}
