package dev.resilience.alarm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.alarm.RemedyStates.State;
import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.QuietLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of a remedy's callback runs ({@link RemedyRunner}): timeouts, failures, retries, removal,
 * mostly through {@link Alarms}.
 */
class RemedyCallbackTests {

	private static final String ID = "payments_down";

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration LONG = Duration.ofSeconds(60);

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final Alarms alarms = Alarms.builder().observer(this.observer).build();

	private final ControlledRemedy remedy = new ControlledRemedy();

	private final ManualScheduler timer = new ManualScheduler();

	private final ExecutorService oneThread = Executors.newSingleThreadExecutor();

	@AfterEach
	void closeAlarms() {
		this.remedy.permits.release(1000);
		this.alarms.close();
		this.oneThread.shutdownNow();
		this.timer.shutdownNow();
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
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT));
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
	void throwingCallbackRunsAgainOnTheNextSet() {
		AtomicInteger attempts = new AtomicInteger();
		this.alarms.addRemedy(ID, () -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("restart failed");
		}, LONG, null);
		this.alarms.set(ID, "down");
		awaitState(State.WAITING_TO_RETRY);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.FAILED));
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

	@Test
	void callbackTimeoutCountsFromTheStartOfTheCallbackNotFromTheSet() throws Exception {
		CountDownLatch blocker = new CountDownLatch(1);
		this.oneThread.execute(() -> {
			try {
				blocker.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		RemedyRunner runner = runner(this.remedy);
		runner.alarmSet();
		assertThat(runner.state()).isEqualTo(State.RUNNING);
		await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> this.timer.pending() == 0);
		blocker.countDown();
		awaitStarted(1);
		ManualScheduler.Task timeout = this.timer.next();
		assertThat(timeout.delay()).isEqualTo(LONG);
		timeout.run(); // on the "timer": it interrupts and hands the rest to the remedy thread
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(runner.state()).isEqualTo(State.WAITING_TO_RETRY);
			assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.TIMEOUT);
		});
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
	}

	@Test
	void callbackOnAClosedWatchdogIsNotRunAndEndsAsFailedAtOnce() {
		this.timer.shutdownNow();
		RemedyRunner runner = runner(this.remedy);
		runner.alarmSet();
		await().atMost(WAIT).until(() -> runner.state() == State.WAITING_TO_RETRY);
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.remedyOutcomes()).containsExactly(RemedyOutcome.FAILED));
		assertThat(this.remedy.started).hasValue(0);
	}

	@Test
	void closeRemovesEveryRemedySoTheInterruptedRunIsNotReported() {
		this.alarms.addRemedy(ID, this.remedy, LONG, null);
		this.alarms.set(ID, "down");
		awaitStarted(1);
		this.alarms.close();
		assertThat(this.alarms.remedyState(ID)).isNull();
		await().atMost(WAIT).until(() -> this.remedy.interrupted.get() == 1);
		await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> this.observer.remedyRuns().isEmpty());
	}

	@Test
	void outcomesAreTaggedInLowerCase() {
		assertThat(RemedyOutcome.values()).extracting(RemedyOutcome::tagValue)
			.containsExactly("completed", "failed", "timeout");
	}

	/**
	 * The late-interrupt race on the remedy path: each run's timeout fires, from a second thread,
	 * exactly as the callback returns. Whoever wins, the next run on the same remedy thread never
	 * starts interrupted, and each run is reported exactly once.
	 */
	@Test
	void timeoutFiringAsTheCallbackEndsNeverReachesTheNextRunNorCountsTwice() throws Exception {
		int rounds = 2_000;
		CyclicBarrier returning = new CyclicBarrier(2);
		AtomicInteger interruptedOnEntry = new AtomicInteger();
		RemedyCallback callback = () -> {
			if (Thread.interrupted()) {
				interruptedOnEntry.incrementAndGet();
			}
			returning.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			if (Thread.interrupted()) {
				throw new InterruptedException(); // as code that checks for interruption does
			}
		};
		List<RemedyOutcome> outcomes = new CopyOnWriteArrayList<>();
		Semaphore reported = new Semaphore(0);
		AlarmObserver counting = new AlarmObserver() {

			@Override
			public void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
				outcomes.add(outcome);
				reported.release();
			}

		};
		RemedyRunner runner = new RemedyRunner(ID, callback, LONG, null, this.oneThread, Timer.on(this.timer),
				Watchdog.on(this.timer), new Listeners<>("alarm observer", List.of(counting)));
		AtomicReference<Throwable> racerFailure = new AtomicReference<>();
		Thread racer = this.timer.racer(rounds, returning, racerFailure);
		try (QuietLogs quiet = QuietLogs.of(RemedyRunner.class)) {
			racer.start();
			for (int i = 0; i < rounds; i++) {
				runner.alarmSet();
				assertThat(reported.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("run %d reported", i).isTrue();
				runner.alarmCleared();
			}
			racer.join(WAIT.toMillis());
		}
		assertThat(racerFailure.get()).isNull();
		assertThat(interruptedOnEntry).as("runs that started interrupted").hasValue(0);
		await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> outcomes.size() == rounds);
		assertThat(outcomes).containsOnly(RemedyOutcome.COMPLETED, RemedyOutcome.TIMEOUT)
			.as("timeouts that won the race")
			.contains(RemedyOutcome.TIMEOUT);
	}

	private RemedyRunner runner(RemedyCallback callback) {
		return new RemedyRunner(ID, callback, LONG, null, this.oneThread, Timer.on(this.timer), Watchdog.on(this.timer),
				new Listeners<>("alarm observer", List.of(this.observer)));
	}

	private void awaitStarted(int runs) {
		await().atMost(WAIT).until(() -> this.remedy.started.get() >= runs);
		assertThat(this.remedy.started).hasValue(runs);
	}

	private void awaitState(State state) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> this.alarms.remedyState(ID) == state);
	}

}
