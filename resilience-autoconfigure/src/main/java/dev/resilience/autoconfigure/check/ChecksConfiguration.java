package dev.resilience.autoconfigure.check;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of dependency checks, imported by
 * {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}: every {@code DependencyCheck}
 * bean runs in the supervision tree; this publishes their state changes as events.
 */
@Configuration(proxyBeanMethods = false)
public class ChecksConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CheckEventPublisher checkEventPublisher(ApplicationEventPublisher publisher) {
		return new CheckEventPublisher(publisher);
	}

}
