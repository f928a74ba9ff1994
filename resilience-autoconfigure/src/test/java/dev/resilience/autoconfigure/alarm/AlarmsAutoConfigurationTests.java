package dev.resilience.autoconfigure.alarm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Remedy;
import dev.resilience.alarm.Severity;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.event.AlarmClearedEvent;
import dev.resilience.event.AlarmSetEvent;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AlarmsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class));

	@Test
	void userAlarmHandlerBeansHearTransitions() {
		this.runner.withBean(RecordingHandler.class).run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			alarms.set("disk_full", Severity.WARNING, "92%");
			alarms.clear("disk_full");
			RecordingHandler handler = context.getBean(RecordingHandler.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> handler.seen.size() == 2);
			assertThat(handler.seen).containsExactly("set disk_full", "clear disk_full");
		});
	}

	@Test
	void userAlarmsBeanBacksOffTheAutoConfiguredOne() {
		this.runner.withBean("myAlarms", Alarms.class, () -> Alarms.builder().build(), (definition) -> definition.setDestroyMethodName("close"))
			.run((context) -> assertThat(context).hasSingleBean(Alarms.class).hasBean("myAlarms"));
	}

	@Test
	void publishesSetAndClearedEvents() {
		this.runner.withBean(EventRecorder.class).run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			alarms.set("queue_backlog", "10k messages");
			alarms.clear("queue_backlog");
			EventRecorder events = context.getBean(EventRecorder.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> events.events.size() == 2);
			assertThat(events.events.get(0)).isInstanceOfSatisfying(AlarmSetEvent.class,
					(event) -> assertThat(event.alarm().severity()).isEqualTo(Severity.MAJOR));
			assertThat(events.events.get(1)).isInstanceOf(AlarmClearedEvent.class);
		});
	}

	@Test
	void remedyMethodRunsWhenItsAlarmIsSet() {
		this.runner.withBean(Remedies.class).run((context) -> {
			context.getBean(Alarms.class).set("cache_stale", Severity.MINOR, "stale");
			Remedies remedies = context.getBean(Remedies.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> remedies.runs.get() == 1);
		});
	}

	@Test
	void recordsAlarmMeters() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(Remedies.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// Boot binds MeterBinder beans only with its metrics auto-configuration: bind by hand here
			context.getBean(dev.resilience.metrics.AlarmGauges.class).bindTo(registry);
			Alarms alarms = context.getBean(Alarms.class);
			alarms.set("db_down", Severity.CRITICAL, "refused");
			alarms.set("cache_stale", Severity.MINOR, "stale");
			assertThat(registry.get("resilience.alarms.active").tag("severity", "CRITICAL").gauge().value()).isEqualTo(1);
			assertThat(registry.get("resilience.alarms.active").tag("severity", "MINOR").gauge().value()).isEqualTo(1);
			alarms.clear("db_down");
			assertThat(registry.get("resilience.alarms.active").tag("severity", "CRITICAL").gauge().value()).isZero();
			assertThat(registry.get("resilience.alarm.transitions").tags("alarm", "db_down", "action", "set").counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("resilience.alarm.transitions").tags("alarm", "db_down", "action", "cleared")
				.counter()
				.count()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("resilience.remedy.runs")
				.tags("alarm", "cache_stale", "outcome", "completed")
				.counter() != null);
		});
	}

	@Test
	void workerFailingEveryRunRaisesItsCrashingAlarmAfterThreeFailuresAndClearsItAfterThreeGoodRuns() {
		this.runner.withBean(PaymentsWorker.class).run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			PaymentsWorker worker = context.getBean(PaymentsWorker.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> alarms.isSet("payments_crashing"));
			assertThat(worker.failures.get()).isGreaterThanOrEqualTo(3);
			Alarm alarm = alarms.active().get(0);
			assertThat(alarm.severity()).isEqualTo(Severity.MINOR);
			assertThat(alarm.description()).isEqualTo("java.lang.IllegalStateException: Invalid payment for job 42");
			worker.broken = false;
			int failuresBeforeFix = worker.failures.get();
			await().atMost(Duration.ofSeconds(5)).until(() -> !alarms.isSet("payments_crashing"));
			assertThat(worker.successes.get()).isGreaterThanOrEqualTo(3);
			assertThat(worker.failures.get() - failuresBeforeFix).isLessThanOrEqualTo(1);
		});
	}

	@Test
	void crashingAlarmFollowsTheWorkersProperties() {
		this.runner.withBean(PaymentsWorker.class)
			.withPropertyValues("resilience.workers.payments.alarm-after-failures=5",
					"resilience.workers.payments.alarm-severity=major")
			.run((context) -> {
				Alarms alarms = context.getBean(Alarms.class);
				PaymentsWorker worker = context.getBean(PaymentsWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> alarms.isSet("payments_crashing"));
				assertThat(worker.failures.get()).isGreaterThanOrEqualTo(5);
				assertThat(alarms.active().get(0).severity()).isEqualTo(Severity.MAJOR);
			});
	}

	@Test
	void badAlarmPropertiesFailStartUp() {
		this.runner.withBean(PaymentsWorker.class)
			.withPropertyValues("resilience.workers.payments.alarm-after-failures=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("resilience.workers.payments.alarm-after-failures"));
		this.runner.withPropertyValues("resilience.alarms.history-size=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("resilience.alarms.history-size"));
	}

	static class RecordingHandler implements AlarmHandler {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public void onSet(Alarm alarm) {
			this.seen.add("set " + alarm.id());
		}

		@Override
		public void onClear(Alarm alarm) {
			this.seen.add("clear " + alarm.id());
		}

	}

	static class EventRecorder {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AlarmSetEvent event) {
			this.events.add(event);
		}

		@EventListener
		void on(AlarmClearedEvent event) {
			this.events.add(event);
		}

	}

	static class Remedies {

		final AtomicInteger runs = new AtomicInteger();

		@Remedy(alarm = "cache_stale", callbackTimeout = "5s")
		public void refreshCache() {
			this.runs.incrementAndGet();
		}

	}

	static class PaymentsWorker {

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger successes = new AtomicInteger();

		volatile boolean broken = true;

		@SupervisedWorker(name = "payments", interval = "20ms")
		public void pay() {
			if (this.broken) {
				this.failures.incrementAndGet();
				throw new IllegalStateException("Invalid payment for job 42");
			}
			this.successes.incrementAndGet();
		}

	}

}
