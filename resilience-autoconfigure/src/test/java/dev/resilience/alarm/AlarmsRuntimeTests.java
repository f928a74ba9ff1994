package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import dev.resilience.alarm.AlarmTransition.Action;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of what {@link Alarms} runs on: the clock and the one timer it is given, or starts
 * itself, and what {@link Alarms#close()} stops.
 */
class AlarmsRuntimeTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

	private final TestClock clock = new TestClock(START);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final Timer timer = Timer.start("test-injected-timer");

	private final ControlledRemedy remedy = new ControlledRemedy();

	@AfterEach
	void stop() {
		this.remedy.permits.release(1000);
		this.scheduler.shutdownNow();
		this.timer.close();
		Thread.interrupted();
	}

	@Test
	void injectedClockDatesSetTimesAndHistory() {
		try (Alarms alarms = Alarms.builder().clock(this.clock).build()) {
			alarms.set("disk", Severity.WARNING, "80% full");
			this.clock.advance(Duration.ofMinutes(1));
			alarms.set("disk", Severity.CRITICAL, "99% full"); // an update keeps the set time
			assertThat(alarms.active()).containsExactly(new Alarm("disk", Severity.CRITICAL, "99% full", START));
			Instant clearedAt = this.clock.advance(Duration.ofMinutes(1));
			alarms.clear("disk");
			assertThat(alarms.history()).containsExactly(
					new AlarmTransition(Action.SET, new Alarm("disk", Severity.WARNING, "80% full", START), START),
					new AlarmTransition(Action.CLEARED, new Alarm("disk", Severity.CRITICAL, "99% full", START),
							clearedAt));
		}
	}

	@Test
	void injectedTimerTimesEveryDelayAndObserversHearWhatFellDueOffTheTimerAndCloseLeavesItRunning() {
		Map<String, String> threads = new ConcurrentHashMap<>();
		AlarmObserver observer = new AlarmObserver() {

			@Override
			public void transition(AlarmTransition transition) {
				if (transition.alarm().id().equals("debounced")) {
					threads.put("debounce", Thread.currentThread().getName());
				}
			}

			@Override
			public void handlerFailed(String handler, Throwable failure) {
				threads.put("handler timeout", Thread.currentThread().getName());
			}

			@Override
			public void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
				threads.put("remedy " + outcome, Thread.currentThread().getName());
			}

		};
		Alarms alarms = Alarms.builder()
			.observer(observer)
			.handler(hanging("runtimeHanging"))
			.handlerTimeout(Duration.ofMillis(50))
			.rules(AlarmRules.of(Map.of("debounced", new AlarmRule(Duration.ofMillis(20), Duration.ZERO))))
			.timer(this.timer)
			.build();
		try {
			assertThat(alarms.timer()).isSameAs(this.timer);
			alarms.addRemedy("a", this.remedy, Duration.ofMillis(50), null); // hangs: no permits
			alarms.set("a", "A");
			alarms.set("debounced", "D");
			await().atMost(WAIT).until(() -> threads.size() == 3);
			assertThat(threads).containsOnlyKeys("debounce", "handler timeout", "remedy TIMEOUT")
				.as("observers are never called on the timer thread")
				.allSatisfy((what, thread) -> assertThat(thread).startsWith("resilience-remedy-"));
		}
		finally {
			alarms.close();
		}
		Watchdog.Guard guard = this.timer.watchdog().guard(Duration.ofMillis(10));
		await().atMost(WAIT).until(guard::timedOut);
		assertThat(guard.end()).isTrue();
	}

	@Test
	void everyDelayIsTimedOnTheInjectedTimer() throws Exception {
		Alarms alarms = Alarms.builder()
			.handler(new RecordingAlarmHandler("quick"))
			.handlerTimeout(Duration.ofSeconds(7))
			.rules(AlarmRules.of(Map.of("b", new AlarmRule(Duration.ofSeconds(11), Duration.ofSeconds(13)))))
			.timer(Timer.on(this.scheduler))
			.build();
		try {
			this.remedy.permits.release(1000);
			alarms.addRemedy("a", this.remedy, Duration.ofSeconds(3), Duration.ofMinutes(5));
			alarms.set("a", "A");
			alarms.set("b", "B");
			List<Duration> delays = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				delays.add(this.scheduler.next().delay());
			}
			assertThat(delays).as("handler timeout, callback timeout, retry, debounce")
				.containsExactlyInAnyOrder(Duration.ofSeconds(7), Duration.ofSeconds(3), Duration.ofMinutes(5),
						Duration.ofSeconds(11));
		}
		finally {
			alarms.close();
		}
		assertThat(this.scheduler.isShutdown()).isFalse();
	}

	@Test
	void closeStopsTheTimerTheAlarmsStarted() {
		Set<Thread> before = threads();
		Alarms alarms = Alarms.builder().handlerTimeout(Duration.ofMillis(50)).handler(hanging("closing")).build();
		this.remedy.permits.release(1000);
		alarms.addRemedy("a", this.remedy, WAIT, Duration.ofMinutes(5));
		alarms.set("a", "A");
		await().atMost(WAIT).until(() -> newThreads(before).size() == 1);
		Set<Thread> started = newThreads(before);
		assertThat(started).extracting(Thread::getName).containsExactly(Timer.THREAD_NAME);
		assertThat(started).allMatch(Thread::isDaemon);
		assertThat(this.remedy.daemon).as("the remedy thread is a daemon").containsExactly(true);
		alarms.close();
		await().atMost(WAIT).untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
	}

	@Test
	void closeWaitsForAHandlerToDeliverWhatIsPending() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		RecordingAlarmHandler recording = new RecordingAlarmHandler("closeWaiting");
		AlarmHandler slow = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws Exception {
				release.await();
				recording.onSet(alarm);
			}

			@Override
			public String name() {
				return "closeWaiting";
			}

		};
		Alarms alarms = Alarms.builder().handler(slow).build();
		alarms.set("a", "A");
		alarms.set("b", "B");
		Thread closer = new Thread(alarms::close);
		closer.start();
		await().atMost(WAIT).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
		release.countDown();
		closer.join(WAIT.toMillis());
		assertThat(closer.isAlive()).isFalse();
		assertThat(recording.events()).containsExactly("SET a", "SET b");
	}

	private static AlarmHandler hanging(String name) {
		return new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws InterruptedException {
				new CountDownLatch(1).await();
			}

			@Override
			public String name() {
				return name;
			}

		};
	}

	private static Set<Thread> newThreads(Set<Thread> before) {
		Set<Thread> now = threads();
		now.removeAll(before);
		return now;
	}

	private static Set<Thread> threads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(Timer.THREAD_NAME)
					|| thread.getName().equals("resilience-alarm-watchdog")
					|| thread.getName().equals("resilience-remedy-retry"))
			.filter(Thread::isAlive)
			.collect(Collectors.toSet());
	}

}
