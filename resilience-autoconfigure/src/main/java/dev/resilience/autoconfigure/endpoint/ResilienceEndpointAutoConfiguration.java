package dev.resilience.autoconfigure.endpoint;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.worker.ClusterSingletons;
import dev.resilience.autoconfigure.worker.SupervisedWorkers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code supervisors} and {@code alarms} Actuator endpoints, when Actuator is on the class
 * path; exposed over HTTP only where the user includes them
 * ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public final class ResilienceEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SupervisedWorkers.class)
	@ConditionalOnAvailableEndpoint(SupervisorsEndpoint.class)
	SupervisorsEndpoint supervisorsEndpoint(SupervisedWorkers workers, ObjectProvider<ClusterSingletons> singletons) {
		return new SupervisorsEndpoint(workers, singletons.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Alarms.class)
	@ConditionalOnAvailableEndpoint(AlarmsEndpoint.class)
	AlarmsEndpoint alarmsEndpoint(Alarms alarms) {
		return new AlarmsEndpoint(alarms);
	}

}
