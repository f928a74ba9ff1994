package dev.resilience.autoconfigure.health;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code alarms} and {@code checks} health contributors (their names come from these bean
 * names).
 */
@Configuration(proxyBeanMethods = false)
class ResilienceHealthContributorsConfiguration {

	@Bean
	@ConditionalOnBean(Alarms.class)
	@ConditionalOnMissingBean(name = "alarmsHealthIndicator")
	AlarmsHealthIndicator alarmsHealthIndicator(Alarms alarms) {
		return new AlarmsHealthIndicator(alarms);
	}

	@Bean
	@ConditionalOnBean(SupervisionTreeLifecycle.class)
	@ConditionalOnMissingBean(name = "checksHealthContributor")
	ChecksHealthContributor checksHealthContributor(SupervisionTreeLifecycle lifecycle) {
		return new ChecksHealthContributor(lifecycle::tree);
	}

}
