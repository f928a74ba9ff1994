package dev.resilience.autoconfigure;

import dev.resilience.autoconfigure.alarm.AlarmsConfiguration;
import dev.resilience.autoconfigure.check.ChecksConfiguration;
import dev.resilience.autoconfigure.settings.ResilienceProperties;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the resilience starter: supervised workers under a root supervisor,
 * alarms with their handlers and remedies, dependency checks.
 * Off with {@code resilience.enabled=false}.
 */
@AutoConfiguration(after = TaskSchedulingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResilienceProperties.class)
@Import({ AlarmsConfiguration.class, ChecksConfiguration.class, SupervisedWorkerConfiguration.class })
public final class ResilienceAutoConfiguration {

	@Bean
	ResilienceSettingsResolver resilienceSettingsResolver(ResilienceProperties properties,
			ConfigurableBeanFactory beanFactory) {
		return new ResilienceSettingsResolver(properties, beanFactory::resolveEmbeddedValue);
	}

}
