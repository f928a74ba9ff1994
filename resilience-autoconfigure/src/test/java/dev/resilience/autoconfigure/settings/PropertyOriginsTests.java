package dev.resilience.autoconfigure.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.StartupFailures;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad value names the file and line where it was set, and fails start-up before any
 * lifecycle starts, so before the web server (a lifecycle of an early phase) binds its port.
 */
class PropertyOriginsTests {

	private static final String ORIGIN = "class path resource [dev/resilience/autoconfigure/settings/bad-values.yml]";

	private final StartupFailures failures = new StartupFailures();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withInitializer(this.failures)
		.withBean("payments", PaymentsWorker.class)
		.withBean(FirstLifecycle.class);

	@Test
	void aBadCronNamesItsOriginAndFailsBeforeAnyLifecycleStarts() {
		this.runner.withInitializer((context) -> load("bad-values.yml", "payments")
			.forEach(context.getEnvironment().getPropertySources()::addFirst)).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationPropertyValueException.class);
				FailureAnalysis analysis = this.failures.analyze(context);
				assertThat(analysis.getDescription())
					.startsWith("Invalid value '0 0 25 * * *' for configuration property "
							+ "'resilience.workers.payments.cron' (originating from '" + ORIGIN + " - 6:13')")
					.contains("allowed is a cron expression of six fields");
				assertThat(FirstLifecycle.started).isFalse();
			});
	}

	@Test
	void anUnknownWorkerNameNamesItsOriginAndTheWorkerMeant() {
		this.runner.withInitializer((context) -> load("bad-values.yml", "paymnets")
			.forEach(context.getEnvironment().getPropertySources()::addFirst)).run((context) -> {
				assertThat(context.getStartupFailure()).isInstanceOf(UnknownNameException.class);
				FailureAnalysis analysis = this.failures.analyze(context);
				assertThat(analysis.getDescription()).isEqualTo("The resilience starter could not start: "
						+ "resilience.workers.paymnets.interval (from " + ORIGIN + " - 4:17) names no "
						+ "@SupervisedWorker: 'paymnets'.");
				assertThat(analysis.getAction()).isEqualTo("Did you mean resilience.workers.payments.interval? "
						+ "Known names under resilience.workers are: payments.");
				assertThat(FirstLifecycle.started).isFalse();
			});
	}

	@Test
	void aWorkerNameWithADotWrittenWithoutBracketsIsAnsweredWithTheBracketedKey() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withInitializer(this.failures)
			.withBean("legacy", LegacyWorker.class)
			.withPropertyValues("resilience.workers.legacyJobs.syncInventory.timeout=30s")
			.run((context) -> {
				assertThat(context.getStartupFailure())
					.hasRootCauseInstanceOf(UnboundConfigurationPropertiesException.class);
				FailureAnalysis analysis = this.failures.analyze(context);
				assertThat(analysis.getDescription()).contains(
						"resilience.workers.legacyJobs.syncInventory.timeout is not a known property");
				assertThat(analysis.getAction())
					.startsWith("Did you mean resilience.workers[legacyJobs.syncInventory].timeout? ");
			});
	}

	@Test
	void theBracketedKeyOfAWorkerNameWithADotBinds() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean("legacy", LegacyWorker.class)
			.withPropertyValues("resilience.workers[legacyJobs.syncInventory].timeout=30s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void anUnknownKeyBelowAWorkerNameIsRefusedByTheBinder() {
		this.runner.withPropertyValues("resilience.workers.payments.backof.initial=1s").run((context) -> {
			assertThat(context.getStartupFailure())
				.hasRootCauseInstanceOf(UnboundConfigurationPropertiesException.class);
			assertThat(this.failures.analyze(context).getAction())
				.startsWith("Did you mean resilience.workers.payments.backoff.initial? ");
		});
	}

	private static List<PropertySource<?>> load(String resource,
			String only) {
		try {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader()
				.load(resource, new ClassPathResource(resource, PropertyOriginsTests.class));
			FirstLifecycle.started = false;
			return sources.stream().<PropertySource<?>>map((source) -> filtered(source, only)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The source with only the keys of one worker, its origins kept. */
	private static PropertySource<?> filtered(
			PropertySource<?> source, String worker) {
		OriginTrackedMapPropertySource tracked = (OriginTrackedMapPropertySource) source;
		Map<String, Object> kept = new LinkedHashMap<>(tracked.getSource());
		kept.keySet().removeIf((key) -> !key.startsWith("resilience.workers." + worker + "."));
		return new OriginTrackedMapPropertySource(source.getName(), kept);
	}

	static class FirstLifecycle implements SmartLifecycle {

		static volatile boolean started;

		private final AtomicBoolean running = new AtomicBoolean();

		@Override
		public void start() {
			started = true;
			this.running.set(true);
		}

		@Override
		public void stop() {
			this.running.set(false);
		}

		@Override
		public boolean isRunning() {
			return this.running.get();
		}

		/** Ahead of every other lifecycle, the web server's among them. */
		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

	static class PaymentsWorker {

		@SupervisedWorker(name = "payments", interval = "1h")
		public void run() {
		}

	}

	static class LegacyWorker {

		@SupervisedWorker(name = "legacyJobs.syncInventory", interval = "1h")
		public void run() {
		}

	}

}
