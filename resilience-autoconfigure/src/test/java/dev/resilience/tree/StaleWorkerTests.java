package dev.resilience.tree;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.WorkerScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervision tree on a real scheduler whose worker's run hangs once, with no run timeout:
 * nothing crashes, yet {@code <name>_stale} is set while it hangs and cleared by the next success.
 */
class StaleWorkerTests {

	private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);

	private final Alarms alarms = Alarms.builder().build();

	private final CountDownLatch hang = new CountDownLatch(1);

	private final AtomicInteger runs = new AtomicInteger();

	private SupervisionTree tree;

	@AfterEach
	void stop() {
		this.hang.countDown();
		if (this.tree != null) {
			this.tree.stop();
		}
		this.alarms.close();
		this.pool.shutdownNow();
	}

	@Test
	void aRunThatHangsOnceSetsTheStaleAlarmAndTheNextSuccessClearsIt() {
		WorkerSettings settings = WorkerSettings.of("payments", Duration.ofMillis(50))
			.withStaleAfter(Duration.ofMillis(400), Severity.MINOR);
		this.tree = SupervisionTree.builder()
			.scheduler(WorkerScheduler.of(this.pool))
			.alarms(this.alarms)
			.worker(settings, () -> () -> {
				if (this.runs.incrementAndGet() == 3) {
					this.hang.await(30, TimeUnit.SECONDS); // hangs: no timeout, no crash
				}
				return true;
			})
			.build();
		this.tree.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.alarms.isSet("payments_stale"));
		assertThat(this.runs).hasValue(3);
		assertThat(this.tree.lastSuccessAge("payments")).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.severity()).isEqualTo(Severity.MINOR);
			assertThat(alarm.description()).startsWith("worker 'payments' has had no successful run for");
		});
		assertThat(this.alarms.isSet("payments_crashing")).isFalse();
		this.hang.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.alarms.isSet("payments_stale"));
		assertThat(this.tree.lastSuccessAge("payments")).isLessThan(Duration.ofMillis(400));
	}

	@Test
	void aPausedWorkerGoesStale() {
		WorkerSettings settings = WorkerSettings.of("payments", Duration.ofMillis(50))
			.withStaleAfter(Duration.ofMillis(300), Severity.MAJOR);
		this.tree = SupervisionTree.builder()
			.scheduler(WorkerScheduler.of(this.pool))
			.alarms(this.alarms)
			.worker(settings, () -> () -> this.runs.incrementAndGet() > 0)
			.build();
		this.tree.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() >= 2);
		this.tree.pauseWorker("payments");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.alarms.isSet("payments_stale"));
		assertThat(this.alarms.active()).singleElement().extracting((alarm) -> alarm.severity())
			.isEqualTo(Severity.MAJOR);
		this.tree.resumeWorker("payments");
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.alarms.isSet("payments_stale"));
	}

}
