package dev.resilience.autoconfigure.alarm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code resilience.alarms.rules.<id or pattern>.{debounce, hold}}: bound from properties and
 * YAML (patterns in brackets), applied to the alarm list, validated at start-up.
 */
class AlarmRulesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class));

	@Test
	void rulesFromPropertiesApplyByExactIdAndByPatternInBrackets() {
		this.runner
			.withPropertyValues("resilience.alarms.rules.payments_crashing.debounce=1h",
					"resilience.alarms.rules[*_crashing].hold=1h")
			.run((context) -> {
				Alarms alarms = context.getBean(Alarms.class);
				alarms.set("payments_crashing", Severity.MINOR, "exact id: debounced");
				assertThat(alarms.isSet("payments_crashing")).isFalse();
				alarms.set("jobs_crashing", Severity.MINOR, "pattern: held");
				alarms.clear("jobs_crashing");
				assertThat(alarms.isSet("jobs_crashing")).isTrue();
				alarms.set("other", Severity.MINOR, "no rule");
				alarms.clear("other");
				assertThat(alarms.isSet("other")).isFalse();
			});
	}

	@Test
	void patternsInBracketsWorkInYaml() {
		String yaml = """
				resilience:
				  alarms:
				    rules:
				      "[*_crashing]":
				        debounce: 1h
				      "[my worker_stale]":
				        hold: 1h
				""";
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(load(yaml)))
			.run((context) -> {
				Alarms alarms = context.getBean(Alarms.class);
				alarms.set("payments_crashing", Severity.MINOR, "debounced");
				assertThat(alarms.isSet("payments_crashing")).isFalse();
				alarms.set("my worker_stale", Severity.MINOR, "held");
				alarms.clear("my worker_stale");
				assertThat(alarms.isSet("my worker_stale")).isTrue();
			});
	}

	@Test
	void aPatternWithoutBracketsFailsStartUpSayingHowToWriteIt() {
		this.runner.withPropertyValues("resilience.alarms.rules.*_crashing.hold=1m")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOfSatisfying(InvalidResiliencePropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("resilience.alarms.rules.*_crashing.hold");
					assertThat(ex.getValue()).isEqualTo("*_crashing");
					assertThat(ex.getAllowed()).contains("resilience.alarms.rules[*_crashing].hold")
						.contains("\"[*_crashing]\"");
				}));
		String yaml = """
				resilience:
				  alarms:
				    rules:
				      "*_crashing":
				        hold: 1m
				""";
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(load(yaml)))
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("resilience.alarms.rules.*_crashing.hold")
				.hasMessageContaining("\"[*_crashing]\""));
	}

	@Test
	void aNegativeDurationFailsStartUpNamingPropertyValueAndWhatIsAllowed() {
		this.runner.withPropertyValues("resilience.alarms.rules[*_crashing].debounce=-1s")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessage("Property resilience.alarms.rules[*_crashing].debounce with value '-1s' is invalid: "
						+ "allowed is zero or a positive duration such as 0s, 500ms or 1s"));
		this.runner.withPropertyValues("resilience.alarms.rules.payments_crashing.hold=-5m")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("resilience.alarms.rules[payments_crashing].hold")
				.hasMessageContaining("'-5m'"));
	}

	@Test
	void aMalformedPatternFailsStartUpNamingPropertyValueAndWhatIsAllowed() {
		for (String key : List.of("payments**", " payments_crashing")) {
			this.runner.withPropertyValues("resilience.alarms.rules[" + key + "].hold=1s")
				.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
						assertThat(ex.getName()).isEqualTo("resilience.alarms.rules[" + key + "]");
						assertThat(ex.getValue()).isEqualTo(key);
						assertThat(ex.getReason()).contains("* stands for any characters")
							.contains("no two * in a row");
					}));
		}
	}

	@Test
	void theActiveGaugeOfEachAlarmReadsZeroAfterItsClear() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Alarms alarms = context.getBean(Alarms.class);
			alarms.set("db_down", Severity.CRITICAL, "refused");
			assertThat(registry.get("resilience.alarm.active").tags("alarm", "db_down", "severity", "CRITICAL")
				.gauge()
				.value()).isEqualTo(1);
			alarms.clear("db_down");
			assertThat(registry.get("resilience.alarm.active").tags("alarm", "db_down", "severity", "CRITICAL")
				.gauge()
				.value()).isZero();
		});
	}

	private static PropertySource<?> load(String yaml) {
		try {
			return new YamlPropertySourceLoader()
				.load("rules.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
				.get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
