package dev.resilience.metrics;

import java.util.Objects;

import dev.resilience.worker.RunObserver;
import dev.resilience.worker.RunOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Each run of a worker as a Micrometer {@link Observation} named {@value #RUN}, with the
 * low-cardinality key values {@code worker} and {@code outcome} (success | failure | timeout) and
 * the failure of a crashed run as its error. The observation is the current one on the run
 * thread while the job runs, so with Micrometer Tracing each run is a span and the job's log lines
 * carry its trace id. This class is thread-safe.
 *
 * @since 0.1.0
 */
public class WorkerObservations implements RunObserver {

	/** The name of a run's observation. */
	public static final String RUN = "resilience.worker.run";

	private final ObservationRegistry registry;

	/**
	 * @param registry where observations are made
	 */
	public WorkerObservations(ObservationRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public Object runStarting(String worker) {
		return Observation.createNotStarted(RUN, WorkerRunContext::new, this.registry)
			.lowCardinalityKeyValue("worker", worker)
			.start()
			.openScope();
	}

	@Override
	public void runEnded(Object token, RunOutcome outcome, Throwable failure) {
		Observation.Scope scope = (Observation.Scope) token;
		Observation observation = scope.getCurrentObservation();
		observation.lowCardinalityKeyValue("outcome", outcome.tagValue());
		if (failure != null) {
			observation.error(failure);
		}
		scope.close();
		observation.stop();
	}

}
