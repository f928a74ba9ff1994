package dev.resilience.autoconfigure.health;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health beans, where the health endpoint is available. Its {@link StatusAggregator} and
 * {@link HttpCodeStatusMapper} take the place of Boot's defaults and still honour
 * {@code management.endpoint.health.status.order} and
 * {@code management.endpoint.health.status.http-mapping.*}; a user bean of either type takes
 * theirs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnAvailableEndpoint(HealthEndpoint.class)
@EnableConfigurationProperties(HealthEndpointProperties.class)
class ResilienceHealthEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusAggregator resilienceHealthStatusAggregator(HealthEndpointProperties properties) {
		return StatusDefaults.aggregator(properties.getStatus().getOrder());
	}

	@Bean
	@ConditionalOnMissingBean
	HttpCodeStatusMapper resilienceHealthHttpCodeStatusMapper(HealthEndpointProperties properties) {
		return StatusDefaults.mapper(properties.getStatus().getHttpMapping());
	}

	@Bean
	ResilienceHealthEndpointGroupsPostProcessor resilienceHealthEndpointGroupsPostProcessor(
			HealthEndpointProperties properties, BeanFactory beanFactory) {
		return new ResilienceHealthEndpointGroupsPostProcessor(properties, beanFactory);
	}

}
