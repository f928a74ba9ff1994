package dev.resilience.autoconfigure.health;


import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

/**
 * Actuator health for the resilience starter: {@link ResilienceStatus#DEGRADED} ranked between
 * {@code OUT_OF_SERVICE} and {@code UP} and mapped to HTTP 503 without any property, and the
 * {@code alarms} and {@code checks} contributors in the readiness group. Off without Actuator's
 * health endpoint on the class path, or with {@code resilience.enabled=false}.
 * <p>
 * Runs before Boot's health endpoint auto-configuration, so that Boot's default status beans
 * back off, and after its availability probes, so that the readiness group exists when
 * {@link ResilienceHealthEndpointGroupsPostProcessor} extends it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
		afterName = { "dev.resilience.autoconfigure.ResilienceAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration" })
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.health.actuate.endpoint.HealthEndpoint" })
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@Import({ ResilienceHealthEndpointConfiguration.class, ResilienceHealthContributorsConfiguration.class })
public final class ResilienceHealthAutoConfiguration {

}
