package dev.resilience.tree;

import java.time.Duration;
import java.util.Map;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.RunTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests of {@link CrashLoopAlarm}, fed with worker runs directly.
 */
class CrashLoopAlarmTests {

	private static final Duration TOOK = Duration.ofMillis(5);

	private final Alarms alarms = Alarms.builder().build();

	private final Map<String, WorkerListener> crashLoops = Map.of("payments",
			StreakedCrashLoopAlarm.of("payments", this.alarms, 3, Severity.MINOR), "ledger",
			StreakedCrashLoopAlarm.of("ledger", this.alarms, 2, Severity.CRITICAL), "other",
			StreakedCrashLoopAlarm.of("other", this.alarms, 1, Severity.WARNING));

	@AfterEach
	void closeAlarms() {
		this.alarms.close();
	}

	@Test
	void alarmIdIsTheWorkersNameWithCrashing() {
		assertThat(CrashLoopAlarm.alarmId("payments")).isEqualTo("payments_crashing");
	}

	@Test
	void alarmIsSetAfterAlarmAfterFailuresFailuresInARow() {
		fail("payments", new IllegalStateException("connection refused"));
		fail("payments", new IllegalArgumentException("bad row 7"));
		assertThat(this.alarms.isSet("payments_crashing")).isFalse();
		fail("payments", new IllegalStateException("pool exhausted"));
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.id()).isEqualTo("payments_crashing");
			assertThat(alarm.severity()).isEqualTo(Severity.MINOR);
			assertThat(alarm.description()).isEqualTo("java.lang.IllegalStateException: pool exhausted");
		});
	}

	@Test
	void alarmHasThePolicysSeverity() {
		fail("ledger", new IllegalStateException("disk full"));
		assertThat(this.alarms.isSet("ledger_crashing")).isFalse();
		fail("ledger", new IllegalStateException("disk full"));
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.id()).isEqualTo("ledger_crashing");
			assertThat(alarm.severity()).isEqualTo(Severity.CRITICAL);
		});
	}

	@Test
	void furtherFailuresUpdateTheDescriptionToTheLastException() {
		fail("payments", new IllegalStateException("one"));
		fail("payments", new IllegalStateException("two"));
		fail("payments", new IllegalStateException("three"));
		fail("payments", new UnsupportedOperationException("four"));
		assertThat(this.alarms.active()).singleElement()
			.extracting(Alarm::description)
			.isEqualTo("java.lang.UnsupportedOperationException: four");
		assertThat(this.alarms.history()).hasSize(1);
	}

	@Test
	void descriptionOfAnExceptionWithoutMessageIsItsType() {
		fail("other", new NullPointerException());
		assertThat(this.alarms.active()).singleElement()
			.extracting(Alarm::description)
			.isEqualTo("java.lang.NullPointerException");
	}

	@Test
	void timedOutRunsCountAsFailures() {
		RunTimeoutException timeout = new RunTimeoutException("ledger", Duration.ofSeconds(1), null);
		this.crashLoops.get("ledger").runFinished("ledger", RunOutcome.TIMEOUT, TOOK, timeout);
		this.crashLoops.get("ledger").runFinished("ledger", RunOutcome.TIMEOUT, TOOK, timeout);
		assertThat(this.alarms.active()).singleElement()
			.extracting(Alarm::description)
			.isEqualTo(RunTimeoutException.class.getName() + ": " + timeout.getMessage());
	}

	@Test
	void alarmIsClearedAfterThreeSuccessesInARowNotTwo() {
		failTimes("payments", 3);
		succeed("payments");
		succeed("payments");
		assertThat(this.alarms.isSet("payments_crashing")).isTrue();
		succeed("payments");
		assertThat(this.alarms.isSet("payments_crashing")).isFalse();
		assertThat(CrashLoopAlarm.SUCCESSES_TO_CLEAR).isEqualTo(3);
	}

	@Test
	void aSuccessInBetweenResetsTheFailureCount() {
		fail("payments", new IllegalStateException("1"));
		fail("payments", new IllegalStateException("2"));
		succeed("payments");
		fail("payments", new IllegalStateException("3"));
		fail("payments", new IllegalStateException("4"));
		assertThat(this.alarms.isSet("payments_crashing")).isFalse();
		fail("payments", new IllegalStateException("5"));
		assertThat(this.alarms.isSet("payments_crashing")).isTrue();
	}

	@Test
	void aFailureInBetweenResetsTheSuccessCount() {
		failTimes("payments", 3);
		succeed("payments");
		succeed("payments");
		fail("payments", new IllegalStateException("again"));
		succeed("payments");
		succeed("payments");
		assertThat(this.alarms.isSet("payments_crashing")).isTrue();
		succeed("payments");
		assertThat(this.alarms.isSet("payments_crashing")).isFalse();
	}

	@Test
	void successesOfAHealthyWorkerChangeNothing() {
		for (int i = 0; i < 5; i++) {
			succeed("payments");
		}
		assertThat(this.alarms.history()).isEmpty();
	}

	@Test
	void workersAreCountedSeparately() {
		fail("payments", new IllegalStateException("a"));
		fail("ledger", new IllegalStateException("b"));
		fail("payments", new IllegalStateException("c"));
		assertThat(this.alarms.active()).isEmpty();
		fail("ledger", new IllegalStateException("d"));
		assertThat(this.alarms.active()).extracting(Alarm::id).containsExactly("ledger_crashing");
		succeed("ledger");
		succeed("ledger");
		succeed("ledger");
		fail("payments", new IllegalStateException("e"));
		assertThat(this.alarms.active()).extracting(Alarm::id).containsExactly("payments_crashing");
	}

	@Test
	void settingsRejectFewerThanOneFailureAndDefaultToThreeMinor() {
		dev.resilience.worker.WorkerSpec spec = dev.resilience.worker.WorkerSpec.of("w", Duration.ofSeconds(1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSettings(spec, Duration.ofSeconds(5), -1, null, false, 0, Severity.MINOR))
			.withMessageContaining("alarmAfterFailures");
		WorkerSettings defaults = WorkerSettings.of(spec);
		assertThat(defaults.alarmAfterFailures()).isEqualTo(3);
		assertThat(defaults.alarmSeverity()).isEqualTo(Severity.MINOR);
	}

	private void fail(String worker, Exception failure) {
		this.crashLoops.get(worker).runFinished(worker, RunOutcome.FAILURE, TOOK, failure);
	}

	private void failTimes(String worker, int times) {
		for (int i = 0; i < times; i++) {
			fail(worker, new IllegalStateException("failure " + i));
		}
	}

	private void succeed(String worker) {
		this.crashLoops.get(worker).runFinished(worker, RunOutcome.SUCCESS, TOOK, null);
	}

}
