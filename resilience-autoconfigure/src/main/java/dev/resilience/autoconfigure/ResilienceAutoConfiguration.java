package dev.resilience.autoconfigure;

import dev.resilience.autoconfigure.alarm.AlarmsConfiguration;
import dev.resilience.autoconfigure.event.EventsConfiguration;
import dev.resilience.autoconfigure.settings.AlarmRuleKeys;
import dev.resilience.autoconfigure.settings.ResilienceProperties;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.settings.UnknownResilienceKeys;
import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the resilience starter: supervised workers under a root supervisor,
 * alarms with their handlers and remedies, dependency checks, all configured through the one
 * {@link ResilienceSettingsResolver}. Off with {@code resilience.enabled=false}, which also turns
 * off the check of unknown {@code resilience.*} keys (see {@link UnknownResilienceKeys}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TaskSchedulingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResilienceProperties.class)
@Import({ AlarmsConfiguration.class, EventsConfiguration.class, SupervisedWorkerConfiguration.class })
public final class ResilienceAutoConfiguration {

	@Bean
	ResilienceSettingsResolver resilienceSettingsResolver(ResilienceProperties properties,
			ConfigurableBeanFactory beanFactory, Environment environment) {
		UnknownResilienceKeys.check(environment);
		AlarmRuleKeys.checkBrackets(environment);
		return new ResilienceSettingsResolver(properties, beanFactory::resolveEmbeddedValue);
	}

}
