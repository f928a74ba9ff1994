package dev.resilience.autoconfigure;

import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad value stops start-up with a failure analysis that names the property, the value and
 * what is allowed.
 */
class ResiliencePropertiesValidationTests {

	private final StartupFailures failures = new StartupFailures();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withInitializer(this.failures)
		.withBean("payments", PaymentsWorker.class);

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			resilience.workers.payments.interval          | 0s    | positive duration
			resilience.workers.payments.interval          | -1s   | positive duration
			resilience.workers.payments.period            | 0s    | positive duration
			resilience.workers.payments.period            | -5s   | positive duration
			resilience.workers.payments.initial-delay     | -1s   | zero or a positive duration
			resilience.workers.payments.max-restarts      | -2    | -1 (derived from the interval)
			resilience.workers.payments.timeout           | 0s    | positive duration
			resilience.workers.payments.shutdown-timeout  | -1s   | zero or a positive duration
			resilience.workers.payments.stale-after       | 0s    | positive duration
			resilience.workers.payments.stale-after       | 30m   | at least the worker's interval, 1h
			resilience.supervisor.max-restarts            | -1    | 0 or more
			resilience.supervisor.period                  | 0s    | positive duration
			resilience.logging.crash-summary-interval     | 0s    | positive duration
			resilience.logging.crash-summary-interval     | -1m   | positive duration
			""")
	void rejectsOutOfRangeValues(String property, String value, String allowed) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.contains("Invalid value '" + value + "' for configuration property '" + property + "'")
				.contains("allowed is ")
				.contains(allowed);
		});
	}

	/** Spring Boot's own report of a value it cannot convert: property, value, origin, reason, target type. */
	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			resilience.workers.payments.interval      | soon      | to java.time.Duration
			resilience.workers.payments.timeout       | 3 parsecs | to java.time.Duration
			resilience.supervisor.period              | often     | to java.time.Duration
			resilience.supervisor.max-restarts        | many      | to int
			resilience.supervisor.on-exhausted        | panic     | The following values are valid:%n%n    LIVENESS%n    LOG%n    SHUTDOWN
			resilience.logging.crash-summary-interval | hourly    | to java.time.Duration
			""")
	void rejectsUnparsableValues(String property, String value, String allowed) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("Property: " + property)
				.contains("Value: \"" + value + "\"")
				.contains("Origin: \"" + property + "\" from property source \"test\"")
				.contains("Reason: failed to convert java.lang.String");
			assertThat(analysis.getDescription() + analysis.getAction()).contains(allowed.formatted());
		});
	}

	@Test
	void rejectsAWorkerNameThatMatchesNoWorker() {
		this.runner.withPropertyValues("resilience.workers.paymnets.interval=1s").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("resilience.workers.paymnets.interval")
				.contains("names no @SupervisedWorker: 'paymnets'");
			assertThat(analysis.getAction()).isEqualTo("Did you mean resilience.workers.payments.interval? "
					+ "Known names under resilience.workers are: payments.");
		});
	}

	@Test
	void suggestsBracketsForAWorkerNameThatLostCharactersInAPropertyKey() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withInitializer(this.failures)
			.withBean("spaced", SpacedWorker.class)
			.withPropertyValues("resilience.workers.my worker.interval=1s")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("resilience.workers.my worker.interval")
					.contains("'myworker'");
				assertThat(analysis.getAction()).contains("Did you mean resilience.workers[my worker].interval?");
			});
	}

	@Test
	void rejectsAnUnparsableAnnotationInterval() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withInitializer(this.failures)
			.withBean("broken", BrokenWorker.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("@SupervisedWorker(interval) on BrokenWorker.run")
					.contains("soon");
				assertThat(analysis.getAction()).contains("a duration such as 500ms");
			});
	}

	@Test
	void rejectsAWorkerMethodWithParameters() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withInitializer(this.failures)
			.withBean("withParameters", ParameterWorker.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("@SupervisedWorker on ParameterWorker.run");
				assertThat(analysis.getAction()).contains("an instance method without parameters");
			});
	}

	@Test
	void rejectsTwoWorkersWithOneName() {
		this.runner.withBean("other", PaymentsWorker.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("@SupervisedWorker(name)").contains("payments");
		});
	}

	@Test
	void acceptsGoodValues() {
		this.runner
			.withPropertyValues("resilience.workers.payments.interval=250ms", "resilience.workers.payments.max-restarts=-1",
					"resilience.workers.payments.timeout=2s", "resilience.supervisor.max-restarts=0",
					"resilience.supervisor.on-exhausted=log")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private FailureAnalysis analyze(AssertableApplicationContext context) {
		return this.failures.analyze(context);
	}

	static class PaymentsWorker {

		@SupervisedWorker(name = "payments", interval = "1h")
		public void run() {
		}

	}

	static class SpacedWorker {

		@SupervisedWorker(name = "my worker", interval = "1h")
		public void run() {
		}

	}

	static class BrokenWorker {

		@SupervisedWorker(name = "broken", interval = "soon")
		public void run() {
		}

	}

	static class ParameterWorker {

		@SupervisedWorker(name = "parameters", interval = "1s")
		public void run(String argument) {
		}

	}

}
