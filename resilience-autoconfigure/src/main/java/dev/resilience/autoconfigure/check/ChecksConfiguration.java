package dev.resilience.autoconfigure.check;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.check.CheckListener;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of dependency checks, imported by
 * {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class ChecksConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DependencyChecks dependencyChecks(ResilienceProperties properties, Alarms alarms, ListableBeanFactory beans,
			ObjectProvider<CheckListener> listeners) {
		return new DependencyChecks(properties, alarms, beans, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	CheckEventPublisher checkEventPublisher(ApplicationEventPublisher publisher) {
		return new CheckEventPublisher(publisher);
	}

}
