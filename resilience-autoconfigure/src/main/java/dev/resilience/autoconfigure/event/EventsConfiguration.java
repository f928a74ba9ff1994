package dev.resilience.autoconfigure.event;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the runtime's application events, imported by
 * {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResilienceEventPublisher resilienceEventPublisher(ApplicationEventPublisher publisher) {
		return new ResilienceEventPublisher(publisher);
	}

}
