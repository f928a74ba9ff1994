package dev.resilience.autoconfigure.health;

import java.util.Map;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Contributors named as the starter's: {@code alarms}, and {@code checks} with one nested
 * {@code datasource} check.
 */
@Configuration(proxyBeanMethods = false)
class StandInContributors {

	final StandInHealthIndicator alarmsHealth = new StandInHealthIndicator();

	final StandInHealthIndicator datasourceHealth = new StandInHealthIndicator();

	@Bean
	HealthIndicator alarms() {
		return this.alarmsHealth;
	}

	@Bean
	CompositeHealthContributor checks() {
		return CompositeHealthContributor.fromMap(Map.of("datasource", this.datasourceHealth));
	}

}
