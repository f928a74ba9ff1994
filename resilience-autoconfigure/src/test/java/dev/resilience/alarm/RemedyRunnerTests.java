package dev.resilience.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.resilience.alarm.RemedyStates.Event;
import dev.resilience.alarm.RemedyStates.State;
import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the remedy state machine ({@link RemedyRunner}): its table, then one test per
 * Alarmist transition, through {@link Alarms}. {@link RemedyCallbackTests} and
 * {@link RemedyRetryTests} have the behaviour around it.
 */
class RemedyRunnerTests {

	private static final String ID = "payments_down";

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration LONG = Duration.ofSeconds(60);

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final ControlledRemedy remedy = new ControlledRemedy();

	private final ManualScheduler scheduler = new ManualScheduler();

	private Alarms alarms = Alarms.builder().observer(this.observer).build();

	@AfterEach
	void closeAlarms() {
		this.remedy.permits.release(1000);
		this.alarms.close();
		this.scheduler.shutdownNow();
	}

	@Test
	void transitionTableIsAlarmistsAndEveryOtherEventChangesNothing() {
		Map<String, State> alarmist = Map.of("CLEAR SET", State.RUNNING, "RUNNING CLEARED", State.FINISHING_RUN,
				"RUNNING CALLBACK_ENDED", State.WAITING_TO_RETRY, "WAITING_TO_RETRY RETRY_DUE", State.RUNNING,
				"WAITING_TO_RETRY CLEARED", State.CLEAR, "FINISHING_RUN CALLBACK_ENDED", State.CLEAR,
				"FINISHING_RUN SET", State.RUNNING);
		for (State from : State.values()) {
			for (Event event : Event.values()) {
				String pair = from + " " + event;
				State expected = (event == Event.REMOVED) ? State.CLEAR : alarmist.getOrDefault(pair, from);
				assertThat(RemedyStates.next(from, event)).as(pair).isEqualTo(expected);
			}
		}
	}
	// clear --set--> running

	@Test
	void clearToRunningOnSet() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.CLEAR);
		this.alarms.set(ID, "down");
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
		awaitStarted(1);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
	}

	// running --cleared--> finishing_run

	@Test
	void runningToFinishingRunOnClear() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.FINISHING_RUN);
		assertThat(this.remedy.interrupted).hasValue(0);
		assertThat(this.remedy.finished).hasValue(0);
	}

	// running --callback completes--> waiting_to_retry

	@Test
	void runningToWaitingToRetryWhenTheCallbackCompletes() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.remedy.permits.release();
		awaitState(State.WAITING_TO_RETRY);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyRuns()).singleElement().satisfies((run) -> {
			assertThat(run.alarm()).isEqualTo(ID);
			assertThat(run.outcome()).isEqualTo(RemedyOutcome.COMPLETED);
		}));
		assertThat(this.remedy.started).hasValue(1);
	}

	// running --callback times out--> waiting_to_retry

	@Test
	void runningToWaitingToRetryWhenTheCallbackTimesOut() {
		this.alarms.addRemedy(ID, this.remedy, Duration.ofMillis(200), null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		awaitState(State.WAITING_TO_RETRY);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT));
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
		assertThat(this.remedy.started).hasValue(1);
	}

	// waiting_to_retry --retry timer--> running

	@Test
	void waitingToRetryToRunningOnTheRetryTimer() {
		Duration retryTimeout = Duration.ofMillis(1500);
		this.alarms.addRemedy(ID, this.remedy, LONG, retryTimeout);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.remedy.permits.release();
		await().atMost(retryTimeout.minusMillis(100))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.alarms.remedyState(ID) == State.WAITING_TO_RETRY);
		awaitStarted(2);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
		long waited = this.remedy.startNanos.get(1) - this.remedy.endNanos.get(0);
		assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(retryTimeout);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED));
	}

	// waiting_to_retry --cleared--> clear

	@Test
	void waitingToRetryToClearOnClear() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.remedy.permits.release();
		awaitState(State.WAITING_TO_RETRY);
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.CLEAR);
	}

	// finishing_run --callback completes--> clear

	@Test
	void finishingRunToClearWhenTheCallbackCompletes() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.clear(ID);
		this.remedy.permits.release();
		awaitState(State.CLEAR);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED));
		assertThat(this.remedy.started).hasValue(1);
	}

	// finishing_run --callback times out--> clear

	@Test
	void finishingRunToClearWhenTheCallbackTimesOut() {
		this.alarms.addRemedy(ID, this.remedy, Duration.ofMillis(200), null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.FINISHING_RUN);
		awaitState(State.CLEAR);
		await().atMost(WAIT) // reported after the state changed, outside the runner's monitor
			.untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT));
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
	}

	// finishing_run --set--> running

	@Test
	void finishingRunToRunningOnSet() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.FINISHING_RUN);
		this.alarms.set(ID, "down again");
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
		// the run in progress is the one that continues: no second run
		this.remedy.permits.release(1000);
		awaitState(State.WAITING_TO_RETRY);
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED));
	}

	@Test
	void togglesWhileACallbackRunsNeverQueueASecondRun() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		for (int i = 0; i < 5; i++) {
			this.alarms.clear(ID);
			assertThat(this.alarms.remedyState(ID)).isEqualTo(State.FINISHING_RUN);
			this.alarms.set(ID, "down " + i);
			assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
		}
		this.remedy.permits.release(1000);
		awaitState(State.WAITING_TO_RETRY);
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED));
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.CLEAR);
		this.alarms.set(ID, "down once more");
		awaitStarted(2);
		awaitState(State.WAITING_TO_RETRY);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED, RemedyOutcome.COMPLETED));
	}

	// any state --removed--> clear, for good

	@Test
	void anyStateToClearWhenRemovedAndNoEventMovesItAgain() {
		ExecutorService executor = Executors.newCachedThreadPool();
		try (Watchdog watchdog = Watchdog.start("test-remedy-watchdog")) {
			RemedyRunner runner = new RemedyRunner(ID, this.remedy, LONG, Duration.ofMillis(1), executor,
					Timer.on(this.scheduler), watchdog, new Listeners<>("alarm observer", List.of(this.observer)));
			runner.alarmSet();
			awaitStarted(1);
			runner.remove();
			assertThat(runner.state()).isEqualTo(State.CLEAR);
			await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
			runner.alarmSet();
			runner.alarmCleared();
			runner.alarmSet();
			assertThat(runner.state()).isEqualTo(State.CLEAR);
			assertThat(this.scheduler.pending()).as("retry timers").isZero();
			await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
			assertThat(this.observer.remedyRuns()).as("the removed run is not reported").isEmpty();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void awaitStarted(int runs) {
		await().atMost(WAIT).until(() -> this.remedy.started.get() >= runs);
		assertThat(this.remedy.started).hasValue(runs);
	}

	private void awaitState(State state) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> this.alarms.remedyState(ID) == state);
	}

}
