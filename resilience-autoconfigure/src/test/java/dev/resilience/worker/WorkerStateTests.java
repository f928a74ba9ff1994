package dev.resilience.worker;

import dev.resilience.worker.WorkerState.Action;
import dev.resilience.worker.WorkerState.Event;
import dev.resilience.worker.WorkerState.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transition table of {@link WorkerState}, row by row, in the order of its javadoc.
 */
class WorkerStateTests {

	private final Tick first = new Tick(1);

	private final Tick next = new Tick(2);

	private final Tick now = new Tick(3);

	private final WorkerState.TickSource ticks = new WorkerState.TickSource() {

		@Override
		public Tick first() {
			return WorkerStateTests.this.first;
		}

		@Override
		public Tick next(Tick previous) {
			return WorkerStateTests.this.next;
		}

		@Override
		public Tick now() {
			return WorkerStateTests.this.now;
		}

	};

	/** Live incarnation 1, idle, with {@code pending} pending. */
	private static WorkerState idle(Tick pending) {
		return new WorkerState(true, 1, false, false, false, 0, 0, pending);
	}

	private Step on(WorkerState state, Event event) {
		return state.on(event, this.ticks);
	}

	@Test
	void startMakesTheIncarnationLiveWithItsFirstTick() {
		Step step = on(WorkerState.INITIAL, Event.start(1));
		assertThat(step.state()).isEqualTo(idle(this.first));
		assertThat(step.action()).isEqualTo(Action.NONE);
	}

	@Test
	void startWhilePausedOrWithARunLeftBehindInstallsNoTick() {
		WorkerState paused = new WorkerState(false, 1, false, true, false, 0, 0, null);
		assertThat(on(paused, Event.start(2)).state().pending()).isNull();
		WorkerState leftBehind = new WorkerState(false, 1, false, false, false, 1, 0, null);
		assertThat(on(leftBehind, Event.start(2)).state()).isEqualTo(new WorkerState(true, 2, false, false, false, 1,
				0, null));
	}

	@Test
	void startOfALiveIncarnationChangesNothing() {
		assertThat(on(idle(this.next), Event.start(2)).state()).isEqualTo(idle(this.next));
	}

	@Test
	void staleTickDoesNothing() {
		WorkerState state = idle(this.next);
		assertThat(on(state, Event.tick(this.first))).isEqualTo(new Step(state, Action.NONE));
		assertThat(on(state, Event.tick(null)).state()).isSameAs(state);
	}

	@Test
	void tickWhileParkedTicksOnWithoutARun() {
		WorkerState parked = new WorkerState(true, 1, false, false, true, 0, 0, this.first);
		Step step = on(parked, Event.tick(this.first));
		assertThat(step.state()).isEqualTo(new WorkerState(true, 1, false, false, true, 0, 0, this.next));
		assertThat(step.action()).isEqualTo(Action.NONE);
	}

	@Test
	void tickWithARunInFlightLeavesTheNextTickToTheRunsEnd() {
		WorkerState running = new WorkerState(true, 2, false, false, false, 1, 0, this.first);
		Step step = on(running, Event.tick(this.first));
		assertThat(step.state().pending()).isNull();
		assertThat(step.action()).isEqualTo(Action.NONE);
	}

	@Test
	void tickStartsARun() {
		Step step = on(idle(this.first), Event.tick(this.first));
		assertThat(step.state()).isEqualTo(new WorkerState(true, 1, false, false, false, 1, 0, null));
		assertThat(step.action()).isEqualTo(Action.RUN);
	}

	@Test
	void outcomeMovesTheStreakOfTheRunInFlightOnly() {
		WorkerState running = new WorkerState(true, 1, false, false, false, 1, 4, this.next);
		Step crash = on(running, Event.outcome(1, true));
		assertThat(crash.state()).isEqualTo(new WorkerState(true, 1, false, false, false, 1, 5, this.next));
		assertThat(crash.action()).isEqualTo(Action.NONE);
		assertThat(on(running, Event.outcome(1, false)).state())
			.isEqualTo(new WorkerState(true, 1, false, false, false, 1, 0, this.next));
		assertThat(on(running, Event.outcome(2, true)).state()).as("not the run in flight").isSameAs(running);
		WorkerState idle = new WorkerState(true, 1, false, false, false, 0, 0, null);
		assertThat(on(idle, Event.outcome(1, false)).state()).isSameAs(idle);
	}

	@Test
	void outcomeOfARunEndingWhileStoppingIsNoCrash() {
		WorkerState stopping = new WorkerState(true, 1, true, false, false, 1, 2, null);
		assertThat(on(stopping, Event.outcome(1, true)).state()).isSameAs(stopping);
		WorkerState leftBehind = new WorkerState(true, 2, false, false, false, 1, 2, null);
		assertThat(on(leftBehind, Event.outcome(1, true)).state().streak()).as("an older incarnation's run counts")
			.isEqualTo(3);
	}

	@Test
	void runEndWhileStoppingStopsTheIncarnationWithoutCountingTheOutcome() {
		WorkerState stopping = new WorkerState(true, 1, true, false, false, 1, 2, null);
		Step step = on(stopping, Event.runEnded(1, this.first, true));
		assertThat(step.state()).isEqualTo(new WorkerState(false, 1, false, false, false, 0, 2, null));
		assertThat(step.action()).isEqualTo(Action.STOPPED);
	}

	@Test
	void runEndOfAnOlderIncarnationInstallsTheNextTickOfTheLiveOne() {
		WorkerState leftBehind = new WorkerState(true, 2, false, false, false, 1, 0, null);
		Step step = on(leftBehind, Event.runEnded(1, this.first, false));
		assertThat(step.state()).isEqualTo(new WorkerState(true, 2, false, false, false, 0, 0, this.next));
		assertThat(step.action()).isEqualTo(Action.NONE);
		WorkerState pausedMeanwhile = new WorkerState(true, 2, false, true, false, 1, 0, null);
		assertThat(on(pausedMeanwhile, Event.runEnded(1, this.first, true)).state())
			.isEqualTo(new WorkerState(true, 2, false, true, false, 0, 0, null));
	}

	@Test
	void runEndOfAnotherIncarnationThanTheOneInFlightIsIgnored() {
		WorkerState running = new WorkerState(true, 2, false, false, false, 2, 0, null);
		assertThat(on(running, Event.runEnded(1, this.first, false)).state()).isSameAs(running);
	}

	@Test
	void runEndThatExitsEndsTheIncarnationKeepingTheStreakItsOutcomeSet() {
		WorkerState running = new WorkerState(true, 1, false, false, false, 1, 5, null);
		Step crash = on(running, Event.runEnded(1, this.first, true));
		assertThat(crash.state()).isEqualTo(new WorkerState(false, 1, false, false, false, 0, 5, null));
		assertThat(crash.action()).isEqualTo(Action.EXITED);
		Step normalExit = on(running, Event.runEnded(1, this.first, true));
		assertThat(normalExit.state().streak()).as("the outcome moves the streak, not the end").isEqualTo(5);
		assertThat(normalExit.action()).isEqualTo(Action.EXITED);
	}

	@Test
	void runEndWhilePausedInstallsNoTick() {
		WorkerState pausing = new WorkerState(true, 1, false, true, false, 1, 0, null);
		Step step = on(pausing, Event.runEnded(1, this.first, false));
		assertThat(step.state()).isEqualTo(new WorkerState(true, 1, false, true, false, 0, 0, null));
	}

	@Test
	void runEndInstallsTheNextTick() {
		WorkerState running = new WorkerState(true, 1, false, false, false, 1, 0, null);
		Step step = on(running, Event.runEnded(1, this.first, false));
		assertThat(step.state()).isEqualTo(new WorkerState(true, 1, false, false, false, 0, 0, this.next));
		assertThat(step.action()).isEqualTo(Action.NONE);
	}

	@Test
	void pauseCancelsThePendingTickInAnyState() {
		assertThat(on(idle(this.first), Event.PAUSE).state())
			.isEqualTo(new WorkerState(true, 1, false, true, false, 0, 0, null));
		assertThat(on(WorkerState.INITIAL, Event.PAUSE).state().paused()).as("kept for the first start").isTrue();
	}

	@Test
	void resumeInstallsTheNextTickOnlyWhenLiveIdleAndNothingIsPending() {
		WorkerState paused = new WorkerState(true, 1, false, true, false, 0, 0, null);
		assertThat(on(paused, Event.RESUME).state()).isEqualTo(idle(this.next));
		WorkerState pausedRunning = new WorkerState(true, 1, false, true, false, 1, 0, null);
		assertThat(on(pausedRunning, Event.RESUME).state().pending()).as("the run's end installs it").isNull();
		WorkerState pausedStopped = new WorkerState(false, 1, false, true, false, 0, 0, null);
		assertThat(on(pausedStopped, Event.RESUME).state())
			.isEqualTo(new WorkerState(false, 1, false, false, false, 0, 0, null));
		assertThat(on(idle(this.first), Event.RESUME).state()).as("not paused: the pending tick stays")
			.isEqualTo(idle(this.first));
	}

	@Test
	void triggerReplacesThePendingTickWithOneDueNow() {
		assertThat(on(idle(this.first), Event.TRIGGER).state()).isEqualTo(idle(this.now));
		assertThat(idle(this.first).triggerOutcome()).isEqualTo(Trigger.STARTED);
	}

	@Test
	void triggerIsRefusedWhileNotLivePausedParkedOrRunning() {
		WorkerState[] refused = { WorkerState.INITIAL, new WorkerState(true, 1, true, false, false, 1, 0, null),
				new WorkerState(true, 1, false, true, false, 0, 0, null),
				new WorkerState(true, 1, false, false, true, 0, 0, this.first),
				new WorkerState(true, 1, false, false, false, 1, 0, null) };
		Trigger[] outcomes = { Trigger.NOT_RUNNING, Trigger.NOT_RUNNING, Trigger.PAUSED, Trigger.PARKED,
				Trigger.RUN_IN_PROGRESS };
		for (int i = 0; i < refused.length; i++) {
			assertThat(refused[i].triggerOutcome()).isEqualTo(outcomes[i]);
			assertThat(on(refused[i], Event.TRIGGER).state()).isEqualTo(refused[i]);
		}
	}

	@Test
	void parkAndUnparkOnlySetTheFlag() {
		WorkerState parked = on(idle(this.first), Event.PARK).state();
		assertThat(parked).isEqualTo(new WorkerState(true, 1, false, false, true, 0, 0, this.first));
		assertThat(on(parked, Event.UNPARK).state()).isEqualTo(idle(this.first));
	}

	@Test
	void stopOfARunningIncarnationWaitsForItsRun() {
		WorkerState running = new WorkerState(true, 1, false, false, false, 1, 0, null);
		Step step = on(running, Event.stop(1));
		assertThat(step.state()).isEqualTo(new WorkerState(true, 1, true, false, false, 1, 0, null));
		assertThat(step.action()).isEqualTo(Action.AWAIT_RUN);
	}

	@Test
	void stopOfAnIdleIncarnationStopsItAtOnce() {
		Step step = on(idle(this.first), Event.stop(1));
		assertThat(step.state()).isEqualTo(new WorkerState(false, 1, false, false, false, 0, 0, null));
		assertThat(step.action()).isEqualTo(Action.STOPPED);
	}

	@Test
	void stopOfAnotherIncarnationOrOfNoneChangesNothing() {
		assertThat(on(idle(this.first), Event.stop(2)).state()).isEqualTo(idle(this.first));
		assertThat(on(WorkerState.INITIAL, Event.stop(0)).action()).isEqualTo(Action.NONE);
	}

	@Test
	void abandonLeavesTheRunBehindAndEndsTheIncarnation() {
		WorkerState stopping = new WorkerState(true, 1, true, false, false, 1, 0, null);
		assertThat(on(stopping, Event.abandon(1)).state())
			.isEqualTo(new WorkerState(false, 1, false, false, false, 1, 0, null));
		assertThat(on(stopping, Event.abandon(2)).state()).isSameAs(stopping);
		assertThat(on(idle(this.first), Event.abandon(1)).state()).isEqualTo(idle(this.first));
	}

}
