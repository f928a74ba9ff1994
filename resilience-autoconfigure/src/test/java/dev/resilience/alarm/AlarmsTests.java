package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.resilience.alarm.AlarmTransition.Action;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Alarms}: the alarm list, its history and its life cycle.
 */
class AlarmsTests {

	private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

	private static final String HANDLER_THREAD_PREFIX = "resilience-alarm-handler-";

	private final TestClock clock = new TestClock(START);

	private final RecordingAlarmHandler handler = new RecordingAlarmHandler("recording");

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final CountDownLatch release = new CountDownLatch(1);

	private Alarms alarms;

	@AfterEach
	void closeAlarms() {
		this.release.countDown();
		if (this.alarms != null) {
			this.alarms.close();
		}
	}

	@Test
	void setAlarmIsActiveUntilCleared() {
		Alarms alarms = alarms(100);
		alarms.set("db_down", Severity.CRITICAL, "database unreachable");
		Alarm alarm = new Alarm("db_down", Severity.CRITICAL, "database unreachable", START);
		assertThat(alarms.isSet("db_down")).isTrue();
		assertThat(alarms.isSet("other")).isFalse();
		assertThat(alarms.active()).containsExactly(alarm);
		Instant clearedAt = this.clock.advance(Duration.ofSeconds(7));
		alarms.clear("db_down");
		assertThat(alarms.isSet("db_down")).isFalse();
		assertThat(alarms.active()).isEmpty();
		assertThat(alarms.history()).containsExactly(new AlarmTransition(Action.SET, alarm, START),
				new AlarmTransition(Action.CLEARED, alarm, clearedAt));
		assertThat(this.observer.transitions()).isEqualTo(alarms.history());
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handler.events()).containsExactly("SET db_down", "CLEARED db_down"));
		assertThat(this.handler.calls()).extracting(RecordingAlarmHandler.Call::alarm).containsOnly(alarm);
	}

	@Test
	void setWithoutSeverityIsMajor() {
		Alarms alarms = alarms(100);
		alarms.set("queue_backlog", "backlog of 10000 messages");
		assertThat(alarms.active())
			.containsExactly(new Alarm("queue_backlog", Severity.MAJOR, "backlog of 10000 messages", START));
	}

	@Test
	void activeListsWorstSeverityFirstThenOldestFirst() {
		Alarms alarms = alarms(100);
		alarms.set("minor_old", Severity.MINOR, "");
		this.clock.advance(Duration.ofSeconds(1));
		alarms.set("warning", Severity.WARNING, "");
		this.clock.advance(Duration.ofSeconds(1));
		alarms.set("major", Severity.MAJOR, "");
		this.clock.advance(Duration.ofSeconds(1));
		alarms.set("critical", Severity.CRITICAL, "");
		this.clock.advance(Duration.ofSeconds(1));
		alarms.set("minor_new", Severity.MINOR, "");
		assertThat(alarms.active()).extracting(Alarm::id)
			.containsExactly("critical", "major", "minor_old", "minor_new", "warning");
		alarms.clear("major");
		assertThat(alarms.active()).extracting(Alarm::id)
			.containsExactly("critical", "minor_old", "minor_new", "warning");
	}

	@Test
	void historyKeepsTheMostRecentTransitionsOldestFirst() {
		Alarms alarms = alarms(3);
		alarms.set("a", "A");
		Instant clearedAt = this.clock.advance(Duration.ofSeconds(1));
		alarms.clear("a");
		Instant bSetAt = this.clock.advance(Duration.ofSeconds(1));
		alarms.set("b", Severity.MINOR, "B");
		Instant cSetAt = this.clock.advance(Duration.ofSeconds(1));
		alarms.set("c", Severity.WARNING, "C");
		assertThat(alarms.history()).containsExactly(
				new AlarmTransition(Action.CLEARED, new Alarm("a", Severity.MAJOR, "A", START), clearedAt),
				new AlarmTransition(Action.SET, new Alarm("b", Severity.MINOR, "B", bSetAt), bSetAt),
				new AlarmTransition(Action.SET, new Alarm("c", Severity.WARNING, "C", cSetAt), cSetAt));
		Instant bClearedAt = this.clock.advance(Duration.ofSeconds(1));
		alarms.clear("b");
		assertThat(alarms.history()).extracting((transition) -> transition.action() + " " + transition.alarm().id())
			.containsExactly("SET b", "SET c", "CLEARED b");
		assertThat(alarms.history()).last().extracting(AlarmTransition::at).isEqualTo(bClearedAt);
	}

	@Test
	void historyOfSizeZeroKeepsNothingButHandlersStillHear() {
		Alarms alarms = alarms(0);
		alarms.set("a", "A");
		alarms.clear("a");
		assertThat(alarms.history()).isEmpty();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handler.events()).containsExactly("SET a", "CLEARED a"));
	}

	@Test
	void settingASetAlarmUpdatesSeverityAndDescriptionButKeepsSetAtAndIsNoTransition() {
		Alarms alarms = alarms(100);
		alarms.set("disk", Severity.WARNING, "disk 80% full");
		this.clock.advance(Duration.ofMinutes(5));
		alarms.set("disk", Severity.CRITICAL, "disk 99% full");
		Alarm updated = new Alarm("disk", Severity.CRITICAL, "disk 99% full", START);
		assertThat(alarms.active()).containsExactly(updated);
		assertThat(alarms.history()).hasSize(1);
		assertThat(this.observer.transitions()).hasSize(1);
		this.clock.advance(Duration.ofMinutes(5));
		alarms.clear("disk");
		// transitions reach a handler in order: had a second SET been queued, it would come before CLEARED
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handler.events()).containsExactly("SET disk", "CLEARED disk"));
		assertThat(this.handler.calls().get(0).alarm())
			.isEqualTo(new Alarm("disk", Severity.WARNING, "disk 80% full", START));
		assertThat(this.handler.calls().get(1).alarm()).isEqualTo(updated);
		assertThat(alarms.history()).extracting(AlarmTransition::action).containsExactly(Action.SET, Action.CLEARED);
	}

	@Test
	void clearingAClearAlarmDoesNothing() {
		Alarms alarms = alarms(100);
		alarms.clear("never_set");
		alarms.set("a", "A");
		alarms.clear("a");
		alarms.clear("a");
		alarms.set("b", "B");
		assertThat(alarms.history()).extracting((transition) -> transition.action() + " " + transition.alarm().id())
			.containsExactly("SET a", "CLEARED a", "SET b");
		assertThat(this.observer.transitions()).hasSize(3);
		// the SET of b comes after anything the clears could have queued
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handler.events()).containsExactly("SET a", "CLEARED a", "SET b"));
	}

	@Test
	void alarmSetAgainAfterClearHasANewSetTime() {
		Alarms alarms = alarms(100);
		alarms.set("a", "first");
		this.clock.advance(Duration.ofSeconds(1));
		alarms.clear("a");
		Instant setAgainAt = this.clock.advance(Duration.ofSeconds(1));
		alarms.set("a", Severity.MINOR, "second");
		assertThat(alarms.active()).containsExactly(new Alarm("a", Severity.MINOR, "second", setAgainAt));
		assertThat(alarms.history()).extracting(AlarmTransition::action)
			.containsExactly(Action.SET, Action.CLEARED, Action.SET);
	}

	@Test
	void nullOrBlankIdIsRejectedAndChangesNothing() {
		Alarms alarms = alarms(100);
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> alarms.set(null, "x"));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> alarms.set("a", null, "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> alarms.set(" ", "x")).withMessageContaining("blank");
		assertThat(alarms.active()).isEmpty();
		assertThat(alarms.history()).isEmpty();
	}

	@Test
	void builderRejectsBadValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Alarms.builder().historySize(-1))
			.withMessageContaining("historySize");
		assertThatIllegalArgumentException().isThrownBy(() -> Alarms.builder().handlerQueueCapacity(0))
			.withMessageContaining("handlerQueueCapacity");
		assertThatIllegalArgumentException().isThrownBy(() -> Alarms.builder().handlerTimeout(Duration.ZERO))
			.withMessageContaining("handlerTimeout");
		assertThatIllegalArgumentException().isThrownBy(() -> Alarms.builder().handlerTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("handlerTimeout");
	}

	@Test
	void addRemedyRejectsNonPositiveDurations() {
		Alarms alarms = alarms(100);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> alarms.addRemedy("a", () -> { }, Duration.ZERO, null))
			.withMessageContaining("callbackTimeout")
			.withMessageContaining("'a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> alarms.addRemedy("a", () -> { }, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
			.withMessageContaining("retryTimeout");
		assertThat(alarms.remedyState("a")).isNull();
	}

	@Test
	void closeDeliversPendingTransitionsAndStopsHandlerThreads() {
		Set<Thread> before = handlerThreads();
		AtomicInteger calls = new AtomicInteger();
		AlarmHandler counting = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) {
				calls.incrementAndGet();
			}

			@Override
			public String name() {
				return "closeCounting";
			}

		};
		this.alarms = Alarms.builder().handler(this.handler).handler(counting).build();
		Set<Thread> started = newThreads(before);
		assertThat(started).extracting(Thread::getName)
			.containsExactlyInAnyOrder(HANDLER_THREAD_PREFIX + "recording", HANDLER_THREAD_PREFIX + "closeCounting");
		for (int i = 0; i < 100; i++) {
			this.alarms.set("alarm-" + i, "pending");
		}
		this.alarms.close();
		assertThat(calls).hasValue(100);
		assertThat(this.handler.calls()).hasSize(100);
		assertThat(started).noneMatch(Thread::isAlive);
		assertThat(newThreads(before)).isEmpty();
	}

	@Test
	void closeStopsAHandlerThreadWhoseQueueIsFull() {
		Set<Thread> before = handlerThreads();
		CountDownLatch entered = new CountDownLatch(1);
		AlarmHandler stuck = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws InterruptedException {
				if (alarm.id().equals("first")) {
					entered.countDown();
					AlarmsTests.this.release.await();
				}
			}

			@Override
			public String name() {
				return "closeStuck";
			}

		};
		this.alarms = Alarms.builder().handler(stuck).handlerQueueCapacity(1).build();
		Set<Thread> started = newThreads(before);
		assertThat(started).hasSize(1);
		this.alarms.set("first", "taken by the handler, which hangs");
		await().atMost(Duration.ofSeconds(5)).until(() -> entered.getCount() == 0);
		this.alarms.set("second", "fills the queue");
		this.alarms.close();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
	}

	private Alarms alarms(int historySize) {
		this.alarms = Alarms.builder()
			.clock(this.clock)
			.historySize(historySize)
			.observer(this.observer)
			.handler(this.handler)
			.build();
		return this.alarms;
	}

	private static Set<Thread> newThreads(Set<Thread> before) {
		Set<Thread> now = handlerThreads();
		now.removeAll(before);
		return now;
	}

	private static Set<Thread> handlerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(HANDLER_THREAD_PREFIX))
			.filter(Thread::isAlive)
			.collect(Collectors.toSet());
	}

}
