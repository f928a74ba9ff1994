package dev.resilience.tree;

import java.time.Duration;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests of {@link CrashLoopAlarm} with its failure-rate rule: either rule sets
 * {@code <name>_crashing}, and it clears only when both would.
 */
class CrashLoopAlarmRateTests {

	private static final Duration TOOK = Duration.ofMillis(5);

	private final Alarms alarms = Alarms.builder().build();

	private final WorkerListener flaky = StreakedCrashLoopAlarm.of("flaky", WorkerAlarms.direct(this.alarms), 3,
			Severity.MINOR, FailureRateWindow.of(20, 25));

	@AfterEach
	void closeAlarms() {
		this.alarms.close();
	}

	@Test
	void aWorkerFailingEveryThirdRunAlarmsOnceAndDoesNotFlap() {
		for (int run = 1; run <= 19; run++) {
			run(run % 3 == 0);
		}
		assertThat(this.alarms.isSet("flaky_crashing")).isFalse();
		for (int run = 20; run <= 300; run++) {
			run(run % 3 == 0);
			if (run >= 21) {
				assertThat(this.alarms.isSet("flaky_crashing")).as("after run %d", run).isTrue();
			}
		}
		assertThat(this.alarms.history()).extracting(AlarmTransition::action)
			.containsExactly(AlarmTransition.Action.SET);
		assertThat(this.alarms.active()).singleElement()
			.extracting(Alarm::description)
			.isEqualTo("7 of the last 20 runs failed, the last: java.lang.IllegalStateException: every third run");
	}

	@Test
	void clearsAfterRecoveryOnceTheRateHasFallenToHalf() {
		for (int run = 1; run <= 60; run++) {
			run(run % 3 == 0);
		}
		assertThat(this.alarms.isSet("flaky_crashing")).isTrue();
		for (int good = 1; good <= 13; good++) {
			run(false);
			assertThat(this.alarms.isSet("flaky_crashing")).as("after %d good runs", good).isTrue();
		}
		run(false);
		assertThat(this.alarms.isSet("flaky_crashing")).isFalse();
		assertThat(this.alarms.history()).extracting(AlarmTransition::action)
			.containsExactly(AlarmTransition.Action.SET, AlarmTransition.Action.CLEARED);
	}

	@Test
	void theStreakStillSetsBeforeTheWindowIsFullAndTheRateHoldsTheClear() {
		run(true);
		run(true);
		assertThat(this.alarms.isSet("flaky_crashing")).isFalse();
		run(true);
		assertThat(this.alarms.active()).singleElement()
			.extracting(Alarm::description)
			.isEqualTo("java.lang.IllegalStateException: every third run");
		run(false);
		run(false);
		run(false);
		// three good runs in a row, and the window is not full: nothing holds the alarm
		assertThat(this.alarms.isSet("flaky_crashing")).isFalse();
		for (int i = 0; i < 14; i++) {
			run(true);
		}
		assertThat(this.alarms.isSet("flaky_crashing")).isTrue();
		run(false);
		run(false);
		run(false);
		// the streak would clear, but 14 of the last 20 runs failed
		assertThat(this.alarms.isSet("flaky_crashing")).isTrue();
	}

	@Test
	void aLowRateClearsOnlyAfterThreeGoodRunsInARow() {
		WorkerListener alarm = StreakedCrashLoopAlarm.of("w", WorkerAlarms.direct(this.alarms), 3, Severity.MAJOR,
				FailureRateWindow.of(4, 50));
		alarm.runFinished("w", RunOutcome.FAILURE, TOOK, new IllegalStateException("a"));
		alarm.runFinished("w", RunOutcome.SUCCESS, TOOK, null);
		alarm.runFinished("w", RunOutcome.FAILURE, TOOK, new IllegalStateException("b"));
		alarm.runFinished("w", RunOutcome.SUCCESS, TOOK, null);
		assertThat(this.alarms.isSet("w_crashing")).isFalse();
		alarm.runFinished("w", RunOutcome.FAILURE, TOOK, new IllegalStateException("c"));
		assertThat(this.alarms.get("w_crashing")).hasValueSatisfying(
				(set) -> assertThat(set.severity()).isEqualTo(Severity.MAJOR));
		alarm.runFinished("w", RunOutcome.SUCCESS, TOOK, null);
		alarm.runFinished("w", RunOutcome.SUCCESS, TOOK, null);
		// 1 of 4 is at most 25%: the rate lowered, but only two good runs in a row
		assertThat(this.alarms.isSet("w_crashing")).isTrue();
		alarm.runFinished("w", RunOutcome.SUCCESS, TOOK, null);
		assertThat(this.alarms.isSet("w_crashing")).isFalse();
	}

	@Test
	void settingsCarryTheRateRuleAndRejectBadValues() {
		WorkerSpec spec = WorkerSpec.of("w", Duration.ofSeconds(1));
		WorkerSettings defaults = WorkerSettings.of(spec);
		assertThat(defaults.alarmFailureRate()).isZero();
		assertThat(defaults.alarmWindow()).isEqualTo(WorkerSettings.DEFAULT_ALARM_WINDOW).isEqualTo(20);
		assertThat(defaults.newFailureRateWindow()).isNull();
		WorkerSettings rate = defaults.withAlarmFailureRate(30, 10);
		assertThat(rate.withGroup("g").withClusterSingleton(true).withDependsOn(java.util.List.of("db"))
			.withStaleAfter(Duration.ofMinutes(1), Severity.MINOR))
			.satisfies((copy) -> {
				assertThat(copy.alarmFailureRate()).isEqualTo(30);
				assertThat(copy.alarmWindow()).isEqualTo(10);
			});
		FailureRateWindow window = rate.newFailureRateWindow();
		for (int i = 0; i < 7; i++) {
			window.record(false);
		}
		window.record(true);
		window.record(true);
		assertThat(window.record(false)).isFalse();
		assertThat(window.runs()).isEqualTo(10);
		assertThat(rate.withAlarmFailureRate(20, 10).newFailureRateWindow().runs()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withAlarmFailureRate(101, 20))
			.withMessage("alarmFailureRate of worker 'w' must be 0 (off) to 100 percent, was 101");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withAlarmFailureRate(-1, 20))
			.withMessageContaining("was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withAlarmFailureRate(25, 0))
			.withMessage("alarmWindow of worker 'w' must be 1 or more, was 0");
		assertThat(defaults.withAlarmFailureRate(100, 1).alarmFailureRate()).isEqualTo(100);
	}

	private void run(boolean failed) {
		if (failed) {
			this.flaky.runFinished("flaky", RunOutcome.FAILURE, TOOK, new IllegalStateException("every third run"));
		}
		else {
			this.flaky.runFinished("flaky", RunOutcome.SUCCESS, TOOK, null);
		}
	}

}
