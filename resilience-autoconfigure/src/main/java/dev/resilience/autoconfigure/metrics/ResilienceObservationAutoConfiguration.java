package dev.resilience.autoconfigure.metrics;

import dev.resilience.metrics.WorkerObservations;
import dev.resilience.worker.RunObserver;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Each run of a supervised worker as a Micrometer observation ({@link WorkerObservations}), when
 * Micrometer's observation API is on the class path and an {@link ObservationRegistry} exists
 * that is not a no-op one. With Micrometer Tracing, each run is then a span.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "dev.resilience.autoconfigure.ResilienceAutoConfiguration",
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
public final class ResilienceObservationAutoConfiguration {

	/**
	 * The observer of runs: {@link RunObserver#NONE} on a no-op registry (one without handlers),
	 * so that runs skip observing rather than make observations nobody handles.
	 * @param registry the application's observation registry, its handlers registered
	 * @return the observer
	 */
	@Bean
	@ConditionalOnMissingBean
	RunObserver resilienceRunObserver(ObservationRegistry registry) {
		return registry.isNoop() ? RunObserver.NONE : new WorkerObservations(registry);
	}

}
