package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * Managed alarms, as Alarmist's: with a debounce, a set is visible only once the alarm has stayed
 * set that long; with a hold, a clear only once it has stayed clear that long. Toggles inside
 * those windows reach nobody, and the raw history still records them. Timed on a test clock and a
 * manual scheduler: a timer fires when the test runs it.
 */
class ManagedAlarmsTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

	private static final Duration DEBOUNCE = Duration.ofSeconds(10);

	private static final Duration HOLD = Duration.ofSeconds(30);

	private final TestClock clock = new TestClock(START);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final Watchdog watchdog = Watchdog.start("test-managed-watchdog");

	private final RecordingAlarmHandler handler = new RecordingAlarmHandler("recording");

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final Alarms alarms = Alarms.builder()
		.clock(this.clock)
		.timer(Timer.on(this.scheduler))
		.watchdog(this.watchdog)
		.handler(this.handler)
		.observer(this.observer)
		.rules(AlarmRules.of(Map.of("disk_full", new AlarmRule(DEBOUNCE, Duration.ZERO), "link_down",
				new AlarmRule(Duration.ZERO, HOLD), "*_flapping", new AlarmRule(DEBOUNCE, HOLD))))
		.build();

	@AfterEach
	void stop() {
		this.alarms.close();
		this.scheduler.shutdownNow();
		this.watchdog.close();
	}

	@Test
	void aSetIsVisibleOnlyOnceTheAlarmHasStayedSetForTheDebounce() throws Exception {
		this.alarms.set("disk_full", Severity.CRITICAL, "97% used");
		assertInvisible("disk_full");
		ManualScheduler.Task debounce = this.scheduler.next();
		assertThat(debounce.delay()).isEqualTo(DEBOUNCE);
		Instant due = this.clock.advance(DEBOUNCE);
		debounce.run();
		Alarm alarm = new Alarm("disk_full", Severity.CRITICAL, "97% used", START);
		assertThat(this.alarms.get("disk_full")).contains(alarm);
		assertThat(this.alarms.isSet("disk_full")).isTrue();
		assertThat(this.alarms.active()).containsExactly(alarm);
		assertThat(this.alarms.worstSeverity()).contains(Severity.CRITICAL);
		assertThat(this.alarms.count(Severity.CRITICAL)).isOne();
		assertThat(this.alarms.history()).containsExactly(new AlarmTransition(Action.SET, alarm, due));
		assertThat(this.alarms.rawHistory()).containsExactly(new AlarmTransition(Action.SET, alarm, START));
		await().atMost(WAIT) // observers hear it on a remedy thread, never on the timer
			.untilAsserted(() -> assertThat(this.observer.transitions())
				.containsExactly(new AlarmTransition(Action.SET, alarm, due)));
		await().atMost(WAIT).until(() -> this.handler.events().equals(List.of("SET disk_full")));
	}

	@Test
	void aDebouncedAlarmShowsItsLatestSeverityAndDescription() throws Exception {
		this.alarms.set("disk_full", Severity.WARNING, "90% used");
		this.alarms.set("disk_full", Severity.CRITICAL, "97% used");
		this.scheduler.next().run();
		assertThat(this.alarms.active()).containsExactly(new Alarm("disk_full", Severity.CRITICAL, "97% used", START));
		await().atMost(WAIT).until(() -> this.observer.transitions().size() == 1);
		assertThat(this.observer.severityChanges()).isEmpty();
		assertThat(this.alarms.rawHistory()).hasSize(1);
	}

	@Test
	void aClearIsVisibleOnlyOnceTheAlarmHasStayedClearForTheHold() throws Exception {
		this.alarms.set("link_down", Severity.MAJOR, "no carrier");
		Alarm alarm = new Alarm("link_down", Severity.MAJOR, "no carrier", START);
		assertThat(this.alarms.active()).as("no debounce: at once").containsExactly(alarm);
		Instant clearedAt = this.clock.advance(Duration.ofSeconds(1));
		this.alarms.clear("link_down");
		assertThat(this.alarms.active()).containsExactly(alarm);
		assertThat(this.alarms.worstSeverity()).contains(Severity.MAJOR);
		ManualScheduler.Task hold = this.scheduler.next();
		assertThat(hold.delay()).isEqualTo(HOLD);
		Instant due = this.clock.advance(HOLD);
		hold.run();
		assertThat(this.alarms.active()).isEmpty();
		assertThat(this.alarms.isSet("link_down")).isFalse();
		assertThat(this.alarms.worstSeverity()).isEmpty();
		assertThat(this.alarms.history()).containsExactly(new AlarmTransition(Action.SET, alarm, START),
				new AlarmTransition(Action.CLEARED, alarm, due));
		assertThat(this.alarms.rawHistory()).containsExactly(new AlarmTransition(Action.SET, alarm, START),
				new AlarmTransition(Action.CLEARED, alarm, clearedAt));
		await().atMost(WAIT).until(() -> this.handler.events().equals(List.of("SET link_down", "CLEARED link_down")));
	}

	@Test
	void togglesInsideTheDebounceReachNobodyAndTheRawHistoryRecordsThem() throws Exception {
		this.alarms.set("disk_full", Severity.CRITICAL, "97% used");
		this.alarms.clear("disk_full");
		this.alarms.set("disk_full", Severity.CRITICAL, "98% used");
		this.alarms.clear("disk_full");
		this.clock.advance(DEBOUNCE);
		for (int i = 0; i < 2; i++) {
			ManualScheduler.Task late = this.scheduler.next();
			assertThat(late.cancelRequested()).isTrue();
			late.run(); // too late to cancel: fires, and must do nothing
		}
		assertInvisible("disk_full");
		assertThat(this.alarms.rawHistory()).extracting((transition) -> transition.action() + " " + transition.alarm().description())
			.containsExactly("SET 97% used", "CLEARED 97% used", "SET 98% used", "CLEARED 98% used");
		assertNothingElseReachedTheHandler();
	}

	@Test
	void togglesInsideTheHoldReachNobodyAndTheRawHistoryRecordsThem() throws Exception {
		this.alarms.set("link_down", Severity.MAJOR, "no carrier");
		this.alarms.clear("link_down");
		this.alarms.set("link_down", Severity.CRITICAL, "no carrier again");
		this.alarms.clear("link_down");
		this.alarms.set("link_down", Severity.CRITICAL, "still no carrier");
		for (int i = 0; i < 2; i++) {
			this.scheduler.next().run();
		}
		assertThat(this.scheduler.pending()).isZero();
		assertThat(this.alarms.active()).containsExactly(new Alarm("link_down", Severity.CRITICAL, "still no carrier", START));
		assertThat(this.alarms.history()).extracting(AlarmTransition::action).containsExactly(Action.SET);
		assertThat(this.observer.transitions()).extracting(AlarmTransition::action).containsExactly(Action.SET);
		assertThat(this.observer.severityChanges()).containsExactly("link_down MAJOR->CRITICAL");
		assertThat(this.alarms.rawHistory()).extracting(AlarmTransition::action)
			.containsExactly(Action.SET, Action.CLEARED, Action.SET, Action.CLEARED, Action.SET);
		this.alarms.set("marker", Severity.WARNING, "after the toggles");
		await().atMost(WAIT).until(() -> this.handler.events().equals(List.of("SET link_down", "SET marker")));
	}

	@Test
	void aPatternRuleDebouncesAndHoldsEveryAlarmItMatches() throws Exception {
		this.alarms.set("payments_flapping", Severity.MINOR, "on and off");
		assertInvisible("payments_flapping");
		ManualScheduler.Task debounce = this.scheduler.next();
		assertThat(debounce.delay()).isEqualTo(DEBOUNCE);
		debounce.run();
		assertThat(this.alarms.isSet("payments_flapping")).isTrue();
		this.alarms.clear("payments_flapping");
		assertThat(this.alarms.isSet("payments_flapping")).isTrue();
		ManualScheduler.Task hold = this.scheduler.next();
		assertThat(hold.delay()).isEqualTo(HOLD);
		hold.run();
		assertThat(this.alarms.isSet("payments_flapping")).isFalse();
	}

	@Test
	void anAlarmNoRuleMatchesIsImmediate() {
		this.alarms.set("other", Severity.MINOR, "at once");
		assertThat(this.alarms.isSet("other")).isTrue();
		this.alarms.clear("other");
		assertThat(this.alarms.isSet("other")).isFalse();
		assertThat(this.scheduler.pending()).isZero();
		assertThat(this.alarms.rawHistory()).isEqualTo(this.alarms.history()).hasSize(2);
	}

	@Test
	void observersHearASeverityChangeOfAVisibleAlarmButNotASameSeverityUpdate() {
		this.alarms.set("other", Severity.MINOR, "first");
		this.alarms.set("other", Severity.MINOR, "second");
		this.alarms.set("other", Severity.MAJOR, "third");
		assertThat(this.observer.severityChanges()).containsExactly("other MINOR->MAJOR");
		assertThat(this.alarms.count(Severity.MINOR)).isZero();
		assertThat(this.alarms.count(Severity.MAJOR)).isOne();
		assertThat(this.alarms.get("other")).map(Alarm::description).contains("third");
		assertThat(this.alarms.rawHistory()).hasSize(1);
	}

	@Test
	void closeCancelsPendingTimersAndWhatTheyWouldHaveShownIsNeverShown() throws Exception {
		this.alarms.set("disk_full", Severity.CRITICAL, "97% used");
		this.alarms.close();
		ManualScheduler.Task debounce = this.scheduler.next();
		assertThat(debounce.cancelRequested()).isTrue();
		debounce.run();
		assertThat(this.alarms.isSet("disk_full")).isFalse();
		assertThat(this.observer.transitions()).isEmpty();
	}

	@Test
	void aSetAfterTheSchedulerIsShutDownStaysInvisible() {
		this.scheduler.shutdownNow();
		this.alarms.set("disk_full", Severity.CRITICAL, "97% used");
		assertInvisible("disk_full");
		this.alarms.clear("disk_full");
		assertThat(this.alarms.rawHistory()).hasSize(2);
	}

	private void assertInvisible(String id) {
		assertThat(this.alarms.isSet(id)).isFalse();
		assertThat(this.alarms.get(id)).isEmpty();
		assertThat(this.alarms.active()).isEmpty();
		assertThat(this.alarms.worstSeverity()).isEmpty();
		assertThat(this.alarms.history()).isEmpty();
		assertThat(this.observer.transitions()).isEmpty();
	}

	/** Handlers hear transitions in order: once a later one arrives, no earlier one is pending. */
	private void assertNothingElseReachedTheHandler() {
		this.alarms.set("marker", Severity.WARNING, "after the toggles");
		await().atMost(WAIT).until(() -> this.handler.events().equals(List.of("SET marker")));
	}

}
