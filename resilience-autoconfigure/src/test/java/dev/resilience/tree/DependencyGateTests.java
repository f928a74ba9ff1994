package dev.resilience.tree;

import java.time.Duration;
import java.util.List;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.WorkerRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link DependencyGate}, one by one: which checks confirm a held-back alarm, what
 * drops it, and what goes straight through.
 */
class DependencyGateTests {

	private static final Duration QUICK = Duration.ZERO;

	private final Alarms alarms = Alarms.builder().build();

	private final WorkerRuns runs = new WorkerRuns("w");

	private final DependencyGate gate = new DependencyGate(this.alarms, List.of("db", "cache"), this.runs);

	@AfterEach
	void close() {
		this.alarms.close();
	}

	@Test
	void setWaitsUntilEveryCheckHasPassedACheckStartedAfterIt() {
		this.gate.set("w_crashing", Severity.MINOR, "boom");
		this.gate.checked("db", true, Duration.ofHours(1));
		this.gate.checked("cache", true, QUICK);
		assertThat(this.gate.waiting()).as("db's check started before the failure").containsExactly("w_crashing");
		assertThat(this.alarms.isSet("w_crashing")).isFalse();
		this.gate.checked("db", true, QUICK);
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.severity()).isEqualTo(Severity.MINOR);
			assertThat(alarm.description()).isEqualTo("boom");
		});
		assertThat(this.gate.waiting()).isEmpty();
	}

	@Test
	void laterSetsKeepTheFirstFailuresTimeAndTakeTheLastDescription() {
		this.gate.set("w_crashing", Severity.MINOR, "first");
		this.gate.checked("db", true, QUICK);
		this.gate.set("w_crashing", Severity.MAJOR, "second");
		this.gate.checked("cache", true, QUICK);
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.severity()).isEqualTo(Severity.MAJOR);
			assertThat(alarm.description()).isEqualTo("second");
		});
	}

	@Test
	void failedCheckDropsEveryWaitingSet() {
		this.gate.set("w_crashing", Severity.MINOR, "boom");
		this.gate.set("w_lock_unavailable", Severity.MINOR, "down");
		this.gate.checked("cache", false, QUICK);
		assertThat(this.gate.waiting()).isEmpty();
		this.gate.checked("db", true, QUICK);
		this.gate.checked("cache", true, QUICK);
		assertThat(this.alarms.active()).isEmpty();
	}

	@Test
	void setWhileParkedIsDropped() {
		this.gate.set("w_crashing", Severity.MINOR, "boom");
		parked();
		this.gate.set("w_crashing", Severity.MINOR, "boom");
		assertThat(this.gate.waiting()).isEmpty();
		this.gate.checked("db", true, QUICK);
		this.gate.checked("cache", true, QUICK);
		assertThat(this.alarms.active()).isEmpty();
	}

	@Test
	void clearDropsAWaitingSetAndClearsASetAlarm() {
		this.gate.set("w_crashing", Severity.MINOR, "boom");
		this.gate.clear("w_crashing");
		assertThat(this.gate.waiting()).isEmpty();
		this.alarms.set("w_lock_unavailable", Severity.MINOR, "down");
		this.gate.clear("w_lock_unavailable");
		assertThat(this.alarms.active()).isEmpty();
	}

	@Test
	void setOfAnAlarmAlreadySetGoesStraightThrough() {
		this.alarms.set("w_crashing", Severity.MINOR, "first");
		parked();
		this.gate.set("w_crashing", Severity.MINOR, "second");
		assertThat(this.alarms.active()).singleElement()
			.satisfies((alarm) -> assertThat(alarm.description()).isEqualTo("second"));
		assertThat(this.gate.waiting()).isEmpty();
	}

	@Test
	void checksWithNothingWaitingDoNothing() {
		this.gate.checked("db", false, QUICK);
		this.gate.checked("db", true, QUICK);
		assertThat(this.alarms.history()).isEmpty();
	}

	private void parked() {
		new dev.resilience.worker.WorkerCycle(new dev.resilience.worker.WorkerSpec("w", QUICK_INTERVAL,
				java.time.Duration.ZERO, null, QUICK_INTERVAL, dev.resilience.supervisor.Restart.PERMANENT),
				new dev.resilience.worker.WorkerRuntime(new dev.resilience.testsupport.ManualWorkerScheduler(),
						dev.resilience.runtime.Watchdog.start("gate-watchdog"), dev.resilience.worker.WorkerListener.NONE,
						java.time.Clock.systemUTC()),
				this.runs)
			.park();
	}

	private static final java.time.Duration QUICK_INTERVAL = java.time.Duration.ofSeconds(1);

}
