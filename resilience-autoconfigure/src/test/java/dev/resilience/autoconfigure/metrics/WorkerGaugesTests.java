package dev.resilience.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.metrics.WorkerGauges;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauge {@code resilience.worker.last.success.age} in an application: one per worker, never
 * NaN, growing while a worker does not succeed and back near zero after a success; and the
 * stale alarm it goes with.
 */
class WorkerGaugesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean("ticking", TickingWorker.class)
		.withBean("stuck", StuckWorker.class)
		.withPropertyValues("resilience.workers.stuck.shutdown-timeout=0s");

	@Test
	void everyWorkerHasALastSuccessAgeGauge() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WorkerGauges.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Gauge ticking = registry.get(WorkerGauges.LAST_SUCCESS_AGE).tag("worker", "ticking").gauge();
			Gauge stuck = registry.get(WorkerGauges.LAST_SUCCESS_AGE).tag("worker", "stuck").gauge();
			assertThat(registry.find(WorkerGauges.LAST_SUCCESS_AGE).gauges()).hasSize(2);
			assertThat(stuck.getId().getBaseUnit()).isEqualTo("seconds");
			await().atMost(Duration.ofSeconds(10)).until(() -> stuck.value() >= 1.0);
			assertThat(ticking.value()).isNotNaN().isLessThan(1.0);
			assertThat(stuck.value()).isNotNaN();
		});
	}

	@Test
	void aStuckWorkerGoesStaleWithTheConfiguredSeverity() {
		this.runner.withPropertyValues("resilience.workers.stuck.stale-after=300ms",
				"resilience.workers.stuck.stale-severity=major")
			.run((context) -> {
				dev.resilience.alarm.Alarms alarms = context.getBean(dev.resilience.alarm.Alarms.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> alarms.isSet("stuck_stale"));
				assertThat(alarms.active()).singleElement()
					.extracting((alarm) -> alarm.severity())
					.isEqualTo(dev.resilience.alarm.Severity.MAJOR);
				assertThat(alarms.isSet("ticking_stale")).isFalse();
			});
	}

	static class TickingWorker {

		@SupervisedWorker(name = "ticking", interval = "50ms", initialDelay = "0s")
		public void run() {
		}

	}

	static class StuckWorker {

		private final CountDownLatch never = new CountDownLatch(1);

		@SupervisedWorker(name = "stuck", interval = "100ms", initialDelay = "0s")
		public void run() throws InterruptedException {
			this.never.await(1, TimeUnit.MINUTES);
		}

	}

}
