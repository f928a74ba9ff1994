package dev.resilience.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.resilience.alarm.AlarmTransition.Action;
import dev.resilience.alarm.RemedyStates.State;
import dev.resilience.testsupport.QuietLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regression test for issue 17: an {@link AlarmObserver} that sets and clears alarms from its own
 * callbacks, both from a transition (heard on the caller's thread) and from a remedy's report
 * (heard on a remedy thread, where the remedy runner's monitor used to be held while the alarm
 * list's lock was wanted, as a caller held that lock and wanted the monitor), neither deadlocks
 * nor loses a transition: 10,000 rounds of set and clear over several threads.
 */
class AlarmObserverReentryTests {

	private static final int THREADS = 4;

	private static final int ROUNDS = 10_000;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final Map<String, LongAdder> heard = new ConcurrentHashMap<>();

	private final LongAdder remedyReports = new LongAdder();

	private final AtomicInteger remedyRuns = new AtomicInteger();

	private final AtomicInteger reportIds = new AtomicInteger();

	private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

	private Alarms alarms;

	@AfterEach
	void close() throws InterruptedException {
		this.threads.shutdownNow();
		if (this.alarms != null) { // on a thread of its own: after a deadlock, close() would wait for ever
			Thread closer = new Thread(this.alarms::close, "reentry-test-close");
			closer.setDaemon(true);
			closer.start();
			closer.join(Duration.ofSeconds(10).toMillis());
		}
	}

	@Test
	void anObserverThatSetsAndClearsAlarmsNeitherDeadlocksNorLosesATransition() throws Exception {
		AlarmObserver reentrant = new AlarmObserver() {

			@Override
			public void transition(AlarmTransition transition) {
				String id = transition.alarm().id();
				count(id, transition.action());
				if (id.startsWith("t-")) { // echo every transition of the driven alarms
					if (transition.action() == Action.SET) {
						alarms().set("echo-" + id, Severity.MINOR, "echo");
					}
					else {
						alarms().clear("echo-" + id);
					}
				}
			}

			@Override
			public void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
				AlarmObserverReentryTests.this.remedyReports.increment();
				String id = "remedied-" + AlarmObserverReentryTests.this.reportIds.incrementAndGet();
				alarms().set(id, Severity.WARNING, "a remedy ran");
				alarms().clear(id);
			}

		};
		this.alarms = Alarms.builder().observer(reentrant).historySize(0).build();
		for (int i = 0; i < THREADS; i++) {
			this.alarms.addRemedy("t-" + i, this.remedyRuns::incrementAndGet, WAIT, null);
		}
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> drivers = new ArrayList<>();
		try (QuietLogs quiet = QuietLogs.of(RemedyRunner.class)) {
			for (int i = 0; i < THREADS; i++) {
				String id = "t-" + i;
				drivers.add(this.threads.submit(() -> {
					go.await();
					for (int n = 0; n < ROUNDS / THREADS; n++) {
						this.alarms.set(id, Severity.MAJOR, "round " + n);
						this.alarms.clear(id);
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> driver : drivers) {
				driver.get(30, TimeUnit.SECONDS); // a deadlock ends here, in a TimeoutException
			}
			await().atMost(WAIT).until(() -> remediesAtRest() && this.remedyReports.intValue() == this.remedyRuns.get());
		}
		for (int i = 0; i < THREADS; i++) {
			assertThat(heard("t-" + i, Action.SET)).isEqualTo(ROUNDS / THREADS);
			assertThat(heard("t-" + i, Action.CLEARED)).isEqualTo(ROUNDS / THREADS);
			assertThat(heard("echo-t-" + i, Action.SET)).isEqualTo(ROUNDS / THREADS);
			assertThat(heard("echo-t-" + i, Action.CLEARED)).isEqualTo(ROUNDS / THREADS);
		}
		assertThat(this.remedyRuns.get()).as("remedy runs").isPositive();
		long remediedSets = this.heard.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("remedied-") && entry.getKey().endsWith(" SET"))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
		long remediedClears = this.heard.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("remedied-") && entry.getKey().endsWith(" CLEARED"))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
		assertThat(remediedSets).as("alarms set from remedy reports").isEqualTo(this.remedyReports.sum());
		assertThat(remediedClears).as("alarms cleared from remedy reports").isEqualTo(this.remedyReports.sum());
		assertThat(this.alarms.active()).isEmpty();
	}

	private Alarms alarms() {
		return this.alarms;
	}

	private void count(String id, Action action) {
		this.heard.computeIfAbsent(id + " " + action, (key) -> new LongAdder()).increment();
	}

	private long heard(String id, Action action) {
		LongAdder count = this.heard.get(id + " " + action);
		return (count != null) ? count.sum() : 0;
	}

	private boolean remediesAtRest() {
		for (int i = 0; i < THREADS; i++) {
			if (this.alarms.remedyState("t-" + i) != State.CLEAR) {
				return false;
			}
		}
		return true;
	}

}
