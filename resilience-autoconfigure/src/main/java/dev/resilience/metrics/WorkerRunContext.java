package dev.resilience.metrics;

import io.micrometer.observation.Observation;

/**
 * The context of a run's observation ({@value WorkerObservations#RUN}): its own type, so that an
 * {@link io.micrometer.observation.ObservationHandler} can tell a run apart from every other
 * observation of the application, as {@link RunObservationMeterHandler} does.
 *
 * @since 0.1.0
 */
public final class WorkerRunContext extends Observation.Context {

}
