package dev.resilience.autoconfigure.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.StartupFailures;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key under {@code resilience} that the starter does not know stops start-up, refused by
 * Spring Boot's binder, with a failure analysis that names it, where it was set and the key it
 * may have meant. The analysis is the one Spring Boot prints: every analyzer, in order.
 */
class UnknownKeyFailureAnalyzerTests {

	private final StartupFailures failures = new StartupFailures();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withInitializer(this.failures)
		.withBean("payments", PaymentsWorker.class);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			resilience.workers.payments.intervall=1s     | resilience.workers.payments  | interval
			resilience.workers.payments.timout=1s        | resilience.workers.payments  | timeout
			resilience.workers.payments.initialDelai=1s  | resilience.workers.payments  | initial-delay
			resilience.checks.datasource.intervall=1s    | resilience.checks.datasource | interval
			resilience.checks.datasource.passing-check=3 | resilience.checks.datasource | passing-checks
			resilience.workres.hang.timeout=1s           | resilience                   | workers.hang.timeout
			resilience.supervisor.max-restart=3          | resilience.supervisor        | max-restarts
			resilience.supervisor.max_restart=3          | resilience.supervisor        | max-restarts
			resilience.enable=false                      | resilience                   | enabled
			resilience.alarms.webhook.ulr=https://x      | resilience.alarms.webhook    | url
			""")
	void rejectsAMistypedKey(String property, String parent, String suggestionBelowParent) {
		String key = property.substring(0, property.indexOf('='));
		String suggestion = parent + "." + suggestionBelowParent;
		this.runner.withPropertyValues(property).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.startsWith("The resilience starter could not start: " + key + " is not a known property (from ");
			assertThat(analysis.getAction()).startsWith("Did you mean " + suggestion + "? Known keys under " + parent
					+ " are: ");
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("https://x");
		});
	}

	@Test
	void listsTheKnownKeysWhenNoneIsClose() {
		this.runner.withPropertyValues("resilience.workers.payments.colour=red").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.contains("resilience.workers.payments.colour is not a known property");
			assertThat(analysis.getAction()).isEqualTo("Known keys under resilience.workers.payments are: "
					+ "alarm-after-failures, alarm-failure-rate, alarm-severity, alarm-window, backoff, "
					+ "cluster-singleton, cron, depends-on, enabled, "
					+ "fixed-rate, initial-delay, interval, lease-time, max-restarts, period, shutdown-timeout, stale-after, "
					+ "stale-severity, timeout, zone.");
		});
	}

	@Test
	void rejectsAKeyBelowAKeyThatTakesAValue() {
		this.runner.withPropertyValues("resilience.supervisor.period.unit=s").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("resilience.supervisor.period.unit is not a known property");
			assertThat(analysis.getAction()).isEqualTo("Change resilience.supervisor.period.unit to "
					+ "resilience.supervisor.period itself: it takes a value and has no keys below it.");
		});
	}

	@Test
	void namesTheKeyAsWrittenAndWhereItWasSet() {
		this.runner.withInitializer((context) -> load("typo.yml").forEach(context.getEnvironment()
			.getPropertySources()::addFirst))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.startsWith("The resilience starter could not start: resilience.workers.payments.initialDelai "
							+ "is not a known property (from class path resource "
							+ "[dev/resilience/autoconfigure/settings/typo.yml] - 7:");
				assertThat(analysis.getAction())
					.startsWith("Did you mean resilience.workers.payments.initial-delay? ");
			});
	}

	@Test
	void reportsTheFirstUnknownKeyInAlphabeticalOrder() {
		this.runner.withPropertyValues("resilience.workres.hang.timeout=1s", "resilience.alarms.histroy-size=5")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("resilience.alarms.histroy-size is not a known property"));
	}

	@Test
	void checksSystemProperties() {
		this.runner.withSystemProperties("resilience.supervisor.max-restart=3")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("resilience.supervisor.max-restart is not a known property"));
	}

	@Test
	void ignoresEnvironmentVariables() {
		SystemEnvironmentPropertySource variables = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("RESILIENCE_WORKRES_HANG_TIMEOUT", "1s"));
		// The source does hold the mistyped key, in the form the check would see
		assertThat(ConfigurationPropertySources.from(variables)).singleElement()
			.isInstanceOfSatisfying(IterableConfigurationPropertySource.class, (source) -> assertThat(source)
				.containsExactly(ConfigurationPropertyName.of("resilience.workres.hang.timeout")));
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().replace(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void acceptsKnownKeysInEveryForm() {
		this.runner
			.withPropertyValues("resilience.enabled=true", "resilience.supervisor.maxRestarts=3",
					"resilience.supervisor.on_exhausted=log", "resilience.supervisor.period=5s",
					"resilience.scheduler.pool-size=2", "resilience.scheduled.supervise=false",
					"resilience.alarms.historySize=50",
					"resilience.alarms.webhook.max_retries=1", "resilience.workers.payments.initialDelay=1s",
					"resilience.workers.payments.alarm_severity=major", "resilience.workers[payments].interval=2h",
					"resilience.checks.datasource.enabled=false", "resilience.checks.datasource.passing_checks=2")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void ignoresMistypedKeysWhenTheStarterIsOff() {
		this.runner.withPropertyValues("resilience.enabled=false", "resilience.workres.hang.timeout=1s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static List<PropertySource<?>> load(String resource) {
		try {
			return new YamlPropertySourceLoader().load(resource,
					new ClassPathResource(resource, UnknownKeyFailureAnalyzerTests.class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(UnboundConfigurationPropertiesException.class);
		return this.failures.analyze(context);
	}

	static class PaymentsWorker {

		@SupervisedWorker(name = "payments", interval = "1h")
		public void run() {
		}

	}

}
