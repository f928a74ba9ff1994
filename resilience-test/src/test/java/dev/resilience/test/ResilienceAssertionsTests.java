package dev.resilience.test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckSettings;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The assertions on a real tree in virtual time: what passes, and the message of what fails.
 */
class ResilienceAssertionsTests {

	private final VirtualTime time = VirtualTime.create();

	private final AtomicBoolean dbDown = new AtomicBoolean();

	private Alarms alarms;

	private SupervisionTree tree;

	@BeforeEach
	void start() {
		this.alarms = this.time.alarms().build();
		this.tree = this.time.supervisionTree(this.alarms)
			.check(new CheckSettings("db", Duration.ofSeconds(1), Duration.ofSeconds(1), 3, "db_disconnected",
					Severity.CRITICAL), () -> {
						if (this.dbDown.get()) {
							throw new IllegalStateException("db down");
						}
					})
			.worker(WorkerSettings.of("payments", Duration.ofSeconds(1)), () -> () -> {
				throw new IllegalStateException("card declined");
			})
			.worker(WorkerSettings.of("ledger", Duration.ofSeconds(1)), () -> () -> true)
			.build();
		this.tree.start();
		this.time.advance(Duration.ofSeconds(3)); // payments: 3 crashes, 3 restarts, its alarm set
	}

	@AfterEach
	void stop() {
		this.tree.stop();
		this.alarms.close();
	}

	@Test
	void workerAssertionsPass() {
		assertThat(this.tree).worker("payments").isRunning().hasRestarted(3).hasRun(3).hasConsecutiveFailures(3)
			.hasLastFailure(IllegalStateException.class).hasNextRunAt(VirtualTime.DEFAULT_START.plusSeconds(4));
		assertThat(this.tree).worker("ledger").isRunning().hasRestarted(0).hasRun(3).hasConsecutiveFailures(0);
		this.tree.pauseWorker("ledger");
		assertThat(this.tree).worker("ledger").isPaused();
		this.tree.stopWorker("ledger");
		assertThat(this.tree).worker("ledger").isStopped();
	}

	@Test
	void workerAssertionsSayWhatWasExpectedAndWhatWas() {
		assertFails(() -> assertThat(this.tree).worker("payments").hasRestarted(2),
				"Expected worker <payments> to have been restarted 2 times but it was restarted 3 times");
		assertFails(() -> assertThat(this.tree).worker("ledger").hasRestarted(1),
				"Expected worker <ledger> to have been restarted once but it was restarted 0 times");
		assertFails(() -> assertThat(this.tree).worker("ledger").hasRun(4),
				"Expected worker <ledger> to have run 4 times but it ran 3 times");
		assertFails(() -> assertThat(this.tree).worker("ledger").isPaused(),
				"Expected worker <ledger> to be PAUSED but it was RUNNING");
		assertFails(() -> assertThat(this.tree).worker("ledger").isParked(),
				"Expected worker <ledger> to be PARKED but it was RUNNING");
		assertFails(() -> assertThat(this.tree).worker("payments").hasConsecutiveFailures(1),
				"Expected worker <payments> to have 1 failure(s) in a row but it had 3");
		assertFails(() -> assertThat(this.tree).worker("ledger").hasLastFailure(IllegalStateException.class),
				"Expected worker <ledger> to have last failed with java.lang.IllegalStateException but it never failed");
		assertFails(() -> assertThat(this.tree).worker("payments").hasLastFailure(ArithmeticException.class),
				"Expected worker <payments> to have last failed with java.lang.ArithmeticException but it failed with "
						+ "java.lang.IllegalStateException: card declined");
		assertFails(() -> assertThat(this.tree).worker("ledger").hasNextRunAt(VirtualTime.DEFAULT_START),
				"Expected worker <ledger> to run next at <2026-01-01T00:00:00Z> but it runs next at "
						+ "<2026-01-01T00:00:04Z>");
		assertFails(() -> assertThat(this.tree).worker("billing"),
				"Expected the tree to have worker <billing> but its workers are [db-check, payments, ledger]");
		this.tree.stopWorker("ledger");
		assertFails(() -> assertThat(this.tree).worker("ledger").isRunning(),
				"Expected worker <ledger> to be RUNNING but it was STOPPED");
	}

	@Test
	void aSnapshotAloneDoesNotKnowItsRestarts() {
		assertThatIllegalStateException()
			.isThrownBy(() -> assertThat(this.tree.worker("payments").orElseThrow()).hasRestarted(3))
			.withMessage("a snapshot does not know its restarts: use assertThat(tree).worker(\"payments\")");
		assertThat(this.tree.worker("payments").orElseThrow()).hasRun(3).isRunning();
	}

	@Test
	void checkAssertionsFollowTheHysteresis() {
		assertThat(this.tree).check("db").isConnected();
		this.dbDown.set(true);
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.tree).check("db").isDegraded().hasConsecutivePasses(0);
		assertFails(() -> assertThat(this.tree).check("db").isConnected(),
				"Expected check <db> to be CONNECTED but it was DEGRADED (check failed: java.lang.IllegalStateException: "
						+ "db down)");
		this.dbDown.set(false);
		this.time.advance(Duration.ofSeconds(1));
		assertFails(() -> assertThat(this.tree).check("db").hasConsecutivePasses(3),
				"Expected check <db> to have passed 3 time(s) in a row but it passed 1 of 3");
		assertFails(() -> assertThat(this.tree).check("cache"), "Expected the tree to have check <cache> but its checks are [db]");
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.tree.check("db").orElseThrow()).isConnected();
		assertFails(() -> assertThat(this.tree.check("db").orElseThrow()).isDegraded(),
				"Expected check <db> to be DEGRADED but it was CONNECTED");
	}

	@Test
	void alarmAssertionsLookAtTheVisibleAlarms() {
		assertThat(this.alarms).hasActive("payments_crashing").hasActive("payments_crashing", Severity.MINOR)
			.doesNotHaveActive("ledger_crashing");
		assertFails(() -> assertThat(this.alarms).hasActive("payments_crashing", Severity.CRITICAL),
				"Expected alarm <payments_crashing> to be active with severity CRITICAL but it is MINOR");
		assertFails(() -> assertThat(this.alarms).hasActive("ledger_crashing"),
				"Expected alarm <ledger_crashing> to be active but the active alarms are [payments_crashing (MINOR)]");
		assertFails(() -> assertThat(this.alarms).hasNoActiveAlarms(),
				"Expected no active alarm but the active alarms are [payments_crashing (MINOR)]");
		assertFails(() -> assertThat(this.alarms).doesNotHaveActive("payments_crashing"),
				"Expected alarm <payments_crashing> not to be active but it is: "
						+ this.alarms.get("payments_crashing").orElseThrow());
		this.alarms.clear("payments_crashing");
		assertThat(this.alarms).hasNoActiveAlarms();
	}

	@Test
	void aNullActualFailsAsInAssertJ() {
		assertFails(() -> assertThat((Alarms) null).hasNoActiveAlarms(), "\nExpecting actual not to be null");
	}

	private static void assertFails(Runnable assertion, String message) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(assertion::run).withMessage(message);
	}

}
