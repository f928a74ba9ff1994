package dev.resilience.tree;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "without Spring" example, compiled and run: a worker that fails on every run is
 * restarted under its own sub-supervisor, raises its crash-loop alarm, and the root never gives
 * up.
 */
class WithoutSpringExampleTests {

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void readmeExampleRunsAndSurvivesACrashingWorker() {
		// README: begin
		Alarms alarms = Alarms.builder().build();
		SupervisionTree tree = SupervisionTree.builder()
			.alarms(alarms) // the tree times on the alarm list's one timer thread
			.worker(WorkerSettings.of("payments", Duration.ofMillis(100)), () -> () -> {
				pay(); // throws: the worker is restarted under its own sub-supervisor
				return true;
			})
			.build();
		tree.start();
		// ... tree.snapshot(), tree.restartWorker("payments"), alarms.active()
		// at the end: tree.stop(); alarms.close();
		// README: end
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() >= 10);
			WorkerSnapshot payments = tree.worker("payments").orElseThrow();
			assertThat(payments.supervisor().intensity().maxRestarts()).isEqualTo(51);
			assertThat(payments.consecutiveFailures()).isGreaterThanOrEqualTo(3);
			await().atMost(Duration.ofSeconds(5)).until(() -> alarms.isSet("payments_crashing"));
			assertThat(tree.state()).isEqualTo(dev.resilience.supervisor.Supervisor.State.RUNNING);
		}
		finally {
			tree.stop();
			alarms.close();
		}
	}

	private void pay() {
		this.runs.incrementAndGet();
		throw new IllegalStateException("Invalid payment for job 42");
	}

}
