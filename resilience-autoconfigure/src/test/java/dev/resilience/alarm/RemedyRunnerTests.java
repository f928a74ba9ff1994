package dev.resilience.alarm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.RecordingAlarmObserver.RemedyRun;
import dev.resilience.alarm.RemedyRunner.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the remedy state machine ({@link RemedyRunner}) through {@link Alarms}, one test per
 * Alarmist transition, then the behaviour around it.
 */
class RemedyRunnerTests {

	private static final String ID = "payments_down";

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration LONG = Duration.ofSeconds(60);

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final Alarms alarms = Alarms.builder().observer(this.observer).build();

	private final ControlledRemedy remedy = new ControlledRemedy();

	@AfterEach
	void closeAlarms() {
		this.remedy.permits.release(1000);
		this.alarms.close();
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
		assertThat(this.observer.remedyRuns()).singleElement().satisfies((run) -> {
			assertThat(run.alarm()).isEqualTo(ID);
			assertThat(run.outcome()).isEqualTo(RemedyOutcome.COMPLETED);
		});
		assertThat(this.remedy.started).hasValue(1);
	}

	// running --callback times out--> waiting_to_retry

	@Test
	void runningToWaitingToRetryWhenTheCallbackTimesOut() {
		this.alarms.addRemedy(ID, this.remedy, Duration.ofMillis(200), null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		awaitState(State.WAITING_TO_RETRY);
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT);
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
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED);
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

	@Test
	void clearWhileWaitingToRetryCancelsTheRetry() {
		Duration retryTimeout = Duration.ofSeconds(1);
		this.alarms.addRemedy(ID, this.remedy, LONG, retryTimeout);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.remedy.permits.release(1000);
		await().atMost(retryTimeout.minusMillis(100))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.alarms.remedyState(ID) == State.WAITING_TO_RETRY);
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.CLEAR);
		await().during(retryTimeout.plusMillis(500)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
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
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED);
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
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT);
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
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED);
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
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED);
		this.alarms.clear(ID);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.CLEAR);
		this.alarms.set(ID, "down once more");
		awaitStarted(2);
		awaitState(State.WAITING_TO_RETRY);
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED, RemedyOutcome.COMPLETED);
	}

	@Test
	void hungCallbackIsInterruptedAfterTheCallbackTimeoutAndCountedAsTimeout() {
		this.alarms.addRemedy(ID, this.remedy, Duration.ofMillis(200), null);
		long setAtNanos = System.nanoTime();
		this.alarms.set(ID, "down");
		awaitStarted(1);
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
		long interruptedAfter = this.remedy.interruptedNanos.get(0) - setAtNanos;
		assertThat(Duration.ofNanos(interruptedAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyRuns()).singleElement()
			.satisfies((run) -> {
				assertThat(run.alarm()).isEqualTo(ID);
				assertThat(run.outcome()).isEqualTo(RemedyOutcome.TIMEOUT);
				assertThat(run.duration()).isPositive().isLessThan(WAIT);
			}));
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.WAITING_TO_RETRY);
	}

	@Test
	void callbackThatIgnoresTheInterruptDoesNotHoldUpTheMachine() {
		this.remedy.ignoreInterrupts = true;
		this.alarms.addRemedy(ID, this.remedy, Duration.ofMillis(200), null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		awaitState(State.WAITING_TO_RETRY);
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT);
		assertThat(this.remedy.finished).as("the first run is still going").hasValue(0);
		this.alarms.clear(ID);
		this.alarms.set(ID, "down again");
		awaitStarted(2);
		this.remedy.permits.release(2);
		await().atMost(WAIT).until(() -> this.remedy.finished.get() == 2);
		awaitState(State.WAITING_TO_RETRY);
		// the first run's late end is ignored: it was counted as a timeout already
		await().during(Duration.ofMillis(300))
			.atMost(WAIT)
			.until(() -> this.observer.remedyOutcomes()
				.equals(List.of(RemedyOutcome.TIMEOUT, RemedyOutcome.COMPLETED)));
	}

	@Test
	void withoutRetryTimeoutTheCallbackRunsOncePerSet() {
		this.remedy.permits.release(1000);
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitState(State.WAITING_TO_RETRY);
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
		this.alarms.set(ID, Severity.CRITICAL, "worse, but still the same set");
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
		this.alarms.clear(ID);
		this.alarms.set(ID, "down again");
		awaitStarted(2);
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> this.remedy.started.get() == 2);
	}

	@Test
	void withRetryTimeoutTheCallbackRunsAgainWhileTheAlarmStaysSet() {
		this.remedy.permits.release(1000);
		this.alarms.addRemedy(ID, this.remedy, LONG, Duration.ofMillis(100));
		this.alarms.set(ID, "down");
		await().atMost(WAIT).until(() -> this.remedy.started.get() >= 3);
		this.alarms.clear(ID);
		awaitState(State.CLEAR);
		int runs = this.remedy.started.get();
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> this.remedy.started.get() == runs);
		assertThat(this.observer.remedyOutcomes()).hasSize(runs).containsOnly(RemedyOutcome.COMPLETED);
	}

	@Test
	void removeRemedyInterruptsARunningCallback() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.removeRemedy(ID);
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
		assertThat(this.alarms.remedyState(ID)).isNull();
		this.alarms.clear(ID);
		this.alarms.set(ID, "down again");
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> this.remedy.started.get() == 1);
	}

	@Test
	void throwingCallbackIsCountedAsFailedAndLaterAttemptsStillCome() {
		AtomicInteger attempts = new AtomicInteger();
		this.alarms.addRemedy(ID, () -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("restart failed");
		}, LONG, Duration.ofMillis(100));
		this.alarms.set(ID, "down");
		await().atMost(WAIT).until(() -> this.observer.remedyRuns().size() >= 3);
		assertThat(this.observer.remedyRuns()).extracting(RemedyRun::outcome).containsOnly(RemedyOutcome.FAILED);
		assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void throwingCallbackRunsAgainOnTheNextSet() {
		AtomicInteger attempts = new AtomicInteger();
		this.alarms.addRemedy(ID, () -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("restart failed");
		}, LONG, null);
		this.alarms.set(ID, "down");
		awaitState(State.WAITING_TO_RETRY);
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.FAILED);
		this.alarms.clear(ID);
		this.alarms.set(ID, "down again");
		await().atMost(WAIT).until(() -> this.observer.remedyRuns().size() == 2);
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.FAILED, RemedyOutcome.FAILED);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void callbackThrowingAnErrorIsCountedAsFailedAtOnce() {
		this.alarms.addRemedy(ID, () -> {
			throw new LinkageError("class went missing");
		}, LONG, null);
		this.alarms.set(ID, "down");
		await().atMost(WAIT).until(() -> this.observer.remedyRuns().size() == 1);
		assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.FAILED);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.WAITING_TO_RETRY);
	}

	@Test
	void addRemedyOnASetAlarmRunsItAtOnce() {
		this.alarms.set(ID, "down");
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
		awaitStarted(1);
	}

	@Test
	void addRemedyReplacesAndStopsTheEarlierOne() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		ControlledRemedy replacement = new ControlledRemedy();
		replacement.permits.release(1000);
		this.alarms.addRemedy(ID, replacement, LONG, null);
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
		await().atMost(WAIT).until(() -> replacement.finished.get() == 1);
		assertThat(this.remedy.started).hasValue(1);
	}

	@Test
	void closeInterruptsARunningCallback() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.close();
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
	}

	private void awaitStarted(int runs) {
		await().atMost(WAIT).until(() -> this.remedy.started.get() >= runs);
		assertThat(this.remedy.started).hasValue(runs);
	}

	private void awaitState(State state) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> this.alarms.remedyState(ID) == state);
	}

	/**
	 * A remedy whose runs wait for a permit from the test, noting when they start, end and are
	 * interrupted.
	 */
	static final class ControlledRemedy implements RemedyCallback {

		final Semaphore permits = new Semaphore(0);

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		final AtomicInteger interrupted = new AtomicInteger();

		final List<Long> startNanos = new CopyOnWriteArrayList<>();

		final List<Long> endNanos = new CopyOnWriteArrayList<>();

		final List<Long> interruptedNanos = new CopyOnWriteArrayList<>();

		volatile boolean ignoreInterrupts;

		@Override
		public void run() throws InterruptedException {
			this.startNanos.add(System.nanoTime());
			this.started.incrementAndGet();
			while (true) {
				try {
					this.permits.acquire();
					break;
				}
				catch (InterruptedException ex) {
					this.interruptedNanos.add(System.nanoTime());
					this.interrupted.incrementAndGet();
					if (!this.ignoreInterrupts) {
						throw ex;
					}
				}
			}
			this.endNanos.add(System.nanoTime());
			this.finished.incrementAndGet();
		}

	}

}
