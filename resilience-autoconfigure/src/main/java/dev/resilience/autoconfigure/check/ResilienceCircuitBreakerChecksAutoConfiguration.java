package dev.resilience.autoconfigure.check;

import dev.resilience.check.PassiveChecks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Resilience4j's circuit breakers on the class path, a breaker named like a check reports
 * into it ({@link CircuitBreakerReports}): an open circuit reaches readiness through the check.
 * The registries are looked up when the reporter is created, as singletons are, so the order
 * against Resilience4j's own auto-configuration does not matter.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.resilience.autoconfigure.ResilienceAutoConfiguration")
@ConditionalOnClass(name = "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry")
@ConditionalOnBean(PassiveChecks.class)
public final class ResilienceCircuitBreakerChecksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerReports resilienceCircuitBreakerReports(ObjectProvider<CircuitBreakerRegistry> registries,
			PassiveChecks passiveChecks) {
		return new CircuitBreakerReports(registries.orderedStream().toList(), passiveChecks);
	}

}
