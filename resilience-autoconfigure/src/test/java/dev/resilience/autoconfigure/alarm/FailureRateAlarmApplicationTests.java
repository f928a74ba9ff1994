package dev.resilience.autoconfigure.alarm;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure-rate rule of {@code <name>_crashing} in an application: a worker that fails every
 * third run alarms once and stays alarmed until it recovers; the streak rule works without it;
 * bad values stop start-up naming the property.
 */
class FailureRateAlarmApplicationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(FlakyWorker.class);

	@Test
	void aWorkerFailingEveryThirdRunAlarmsOnceDoesNotFlapAndClearsAfterRecovery() {
		this.runner.withPropertyValues("resilience.workers.flaky.alarm-failure-rate=25",
				"resilience.workers.flaky.alarm-window=12").run((context) -> {
					Alarms alarms = context.getBean(Alarms.class);
					FlakyWorker worker = context.getBean(FlakyWorker.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> alarms.isSet("flaky_crashing"));
					assertThat(alarms.get("flaky_crashing").orElseThrow().description())
						.matches("[45] of the last 12 runs failed, the last: java.lang.IllegalStateException: "
								+ "downstream timed out");
					int runsAtSet = worker.runs.get();
					await().atMost(Duration.ofSeconds(10)).until(() -> worker.runs.get() >= runsAtSet + 60);
					assertThat(alarms.isSet("flaky_crashing")).isTrue();
					assertThat(alarms.history()).extracting(AlarmTransition::action)
						.containsExactly(AlarmTransition.Action.SET);
					worker.recovered.set(true);
					await().atMost(Duration.ofSeconds(10)).until(() -> !alarms.isSet("flaky_crashing"));
					assertThat(alarms.history()).extracting(AlarmTransition::action)
						.containsExactly(AlarmTransition.Action.SET, AlarmTransition.Action.CLEARED);
				});
	}

	@Test
	void withoutTheRateRuleAWorkerFailingEveryThirdRunRaisesNothing() {
		this.runner.run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			FlakyWorker worker = context.getBean(FlakyWorker.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> worker.runs.get() >= 60);
			assertThat(alarms.history()).isEmpty();
		});
	}

	@Test
	void theStreakRuleStillWorksAlone() {
		this.runner.withPropertyValues("resilience.workers.flaky.alarm-after-failures=2").run((context) -> {
			Alarms alarms = context.getBean(Alarms.class);
			FlakyWorker worker = context.getBean(FlakyWorker.class);
			worker.failEveryRun.set(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> alarms.isSet("flaky_crashing"));
			assertThat(alarms.get("flaky_crashing").orElseThrow().description())
				.isEqualTo("java.lang.IllegalStateException: downstream timed out");
			worker.failEveryRun.set(false);
			worker.recovered.set(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> !alarms.isSet("flaky_crashing"));
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			resilience.workers.flaky.alarm-failure-rate=101 | resilience.workers.flaky.alarm-failure-rate | a percentage from 1 to 100
			resilience.workers.flaky.alarm-failure-rate=-5  | resilience.workers.flaky.alarm-failure-rate | a percentage from 1 to 100
			resilience.workers.flaky.alarm-window=10        | resilience.workers.flaky.alarm-window       | unless resilience.workers.flaky.alarm-failure-rate is set too
			resilience.workers.flaky.alarm-window=0         | resilience.workers.flaky.alarm-window       | 1 or more
			""")
	void badValuesFailStartUpNamingTheProperty(String setting, String property, String allowed) {
		this.runner.withPropertyValues(setting, setting.contains("window=0")
				? "resilience.workers.flaky.alarm-failure-rate=25" : "resilience.enabled=true").run((context) -> {
					assertThat(context).hasFailed();
					// bad values fail with Spring Boot's own exception, which Boot's failure analyzer explains
					assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
						.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
							assertThat(ex.getName()).isEqualTo(property);
							assertThat(ex.getReason()).contains(allowed);
						});
				});
	}

	static class FlakyWorker {

		final AtomicInteger runs = new AtomicInteger();

		final AtomicBoolean recovered = new AtomicBoolean();

		final AtomicBoolean failEveryRun = new AtomicBoolean();

		@SupervisedWorker(name = "flaky", interval = "5ms", initialDelay = "0s")
		public void call() {
			int run = this.runs.incrementAndGet();
			if (!this.recovered.get() && (this.failEveryRun.get() || run % 3 == 0)) {
				throw new IllegalStateException("downstream timed out");
			}
		}

	}

}
