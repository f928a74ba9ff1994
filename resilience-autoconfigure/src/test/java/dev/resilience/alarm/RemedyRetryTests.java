package dev.resilience.alarm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.RecordingAlarmObserver.RemedyRun;
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
 * Tests of a remedy's retries ({@link RemedyRunner}): when the callback runs again, on which
 * scheduler, and when it does not.
 */
class RemedyRetryTests {

	private static final String ID = "payments_down";

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration LONG = Duration.ofSeconds(60);

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final ControlledRemedy remedy = new ControlledRemedy();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final Watchdog watchdog = Watchdog.start("test-remedy-retry-watchdog");

	private Alarms alarms = Alarms.builder().observer(this.observer).build();

	@AfterEach
	void closeAlarms() {
		this.remedy.permits.release(1000);
		this.alarms.close();
		this.scheduler.shutdownNow();
		this.watchdog.close();
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

	// waiting_to_retry --retry timer--> running, the retry timed on an injected timer

	@Test
	void waitingToRetryToRunningWhenTheInjectedTimerFiresTheRetry() throws Exception {
		this.alarms.close();
		this.alarms = Alarms.builder().observer(this.observer).timer(Timer.on(this.scheduler)).watchdog(this.watchdog).build();
		this.alarms.addRemedy(ID, this.remedy, LONG, Duration.ofMinutes(5));
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.remedy.permits.release();
		awaitState(State.WAITING_TO_RETRY);
		ManualScheduler.Task retry = this.scheduler.next();
		assertThat(retry.delay()).isEqualTo(Duration.ofMinutes(5));
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.WAITING_TO_RETRY);
		retry.run();
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.RUNNING);
		awaitStarted(2);
	}

	@Test
	void retryTimerCancelledTooLateStartsNoRun() throws Exception {
		this.alarms.close();
		this.alarms = Alarms.builder().observer(this.observer).timer(Timer.on(this.scheduler)).watchdog(this.watchdog).build();
		this.remedy.permits.release(1000);
		this.alarms.addRemedy(ID, this.remedy, LONG, Duration.ofMinutes(5));
		this.alarms.set(ID, "down");
		awaitState(State.WAITING_TO_RETRY);
		ManualScheduler.Task stale = this.scheduler.next();
		this.alarms.clear(ID); // cancels the retry, too late: it has "started"
		this.alarms.set(ID, "down again");
		awaitStarted(2);
		awaitState(State.WAITING_TO_RETRY);
		ManualScheduler.Task current = this.scheduler.next();
		stale.run();
		assertThat(this.alarms.remedyState(ID)).isEqualTo(State.WAITING_TO_RETRY);
		current.run();
		assertThat(this.alarms.remedyState(ID)).isIn(State.RUNNING, State.WAITING_TO_RETRY);
		awaitStarted(3);
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
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).hasSize(runs).containsOnly(RemedyOutcome.COMPLETED));
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
	void retryTimerIsCancelledWhenTheMachineLeavesWaitingToRetryAndOnlyThen() throws Exception {
		this.remedy.permits.release(1000);
		ExecutorService executor = Executors.newCachedThreadPool();
		try (Watchdog watchdog = Watchdog.start("test-remedy-watchdog")) {
			RemedyRunner runner = new RemedyRunner(ID, this.remedy, LONG, Duration.ofMinutes(5), executor,
					Timer.on(this.scheduler), watchdog, new Listeners<>("alarm observer", List.of(this.observer)));
			runner.alarmSet();
			await().atMost(WAIT).until(() -> runner.state() == State.WAITING_TO_RETRY);
			ManualScheduler.Task first = this.scheduler.next();
			runner.alarmSet(); // changes nothing while waiting to retry
			assertThat(runner.state()).isEqualTo(State.WAITING_TO_RETRY);
			assertThat(first.cancelRequested()).isFalse();
			runner.alarmCleared();
			assertThat(first.cancelRequested()).isTrue();
			runner.alarmSet();
			await().atMost(WAIT).until(() -> runner.state() == State.WAITING_TO_RETRY);
			ManualScheduler.Task second = this.scheduler.next();
			runner.remove();
			assertThat(second.cancelRequested()).isTrue();
			second.run();
			assertThat(runner.state()).isEqualTo(State.CLEAR);
			assertThat(this.remedy.started).hasValue(2);
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
