package dev.resilience.autoconfigure;

import dev.resilience.autoconfigure.alarm.AlarmsConfiguration;
import dev.resilience.autoconfigure.event.EventsConfiguration;
import dev.resilience.autoconfigure.settings.ResilienceProperties;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Auto-configuration of the resilience starter: supervised workers under a root supervisor,
 * alarms with their handlers and remedies, dependency checks, all configured through the one
 * {@link ResilienceSettingsResolver}. Off with {@code resilience.enabled=false}, which also turns
 * off the binding of {@link ResilienceProperties} and with it the refusal of unknown
 * {@code resilience.*} keys.
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
		refuseUnknownSystemProperties(environment);
		return new ResilienceSettingsResolver(properties, beanFactory::resolveEmbeddedValue, environment);
	}

	/**
	 * Spring Boot's binder refuses unknown keys of every property source but the system
	 * properties and the environment variables, which it deems benign. A mistyped
	 * {@code -Dresilience.supervisor.max-restart=3} is as much a mistake as one in a file, and
	 * the names of system properties keep their dashes and dots: bind them alone, with the same
	 * handler, so that they are refused too ({@code UnboundConfigurationPropertiesException}).
	 */
	private static void refuseUnknownSystemProperties(Environment environment) {
		PropertySource<?> system = (environment instanceof ConfigurableEnvironment configurable)
				? configurable.getPropertySources().get(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME) : null;
		if (system != null) {
			new Binder(ConfigurationPropertySources.from(system)).bind("resilience",
					Bindable.of(ResilienceProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
	}

}
