package dev.resilience.metrics;

import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Claims the run observation ({@link WorkerRunContext}) among the meter handlers, and makes no
 * meters of it. A run is already counted and timed once, by {@code resilience.worker.runs}; Boot
 * groups the meter handlers so that the first one that supports an observation handles it, so
 * with this handler ordered first, Actuator's {@code DefaultMeterObservationHandler} never sees a
 * run. Without it, that handler would look up (and a filter then deny) a timer and a long-task
 * timer on every run: a registry lookup under the registry's lock, twice per run. Other
 * observations are left to the other handlers. Tracing handlers are a group of their own, so a
 * run is still a span.
 *
 * <p>This class is stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class RunObservationMeterHandler implements MeterObservationHandler<WorkerRunContext> {

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof WorkerRunContext;
	}

}
