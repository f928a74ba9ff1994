package dev.resilience.benchmarks;

import java.time.Duration;
import java.util.function.Supplier;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorBuilder;
import dev.resilience.worker.PeriodicWorker;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerSpec;
import dev.resilience.worker.WorkerRuns;

/**
 * Supervision trees of the shape the starter builds (SupervisionTreeBuilder): a root, under it
 * one ONE_FOR_ONE sub-supervisor per worker with the intensity derived from the worker's
 * interval and a 5 s period, the worker alone in it.
 */
final class Trees {

	static final Duration PERIOD = Duration.ofSeconds(5);

	private Trees() {
	}

	/** @return a root supervisor, not started, with no children yet */
	static SupervisorBuilder root() {
		return Supervisor.builder("root").strategy(Strategy.ONE_FOR_ONE).intensity(new Intensity(3, PERIOD));
	}

	/**
	 * @param spec the worker
	 * @param jobs its job, on every (re)start
	 * @param runtime scheduler and listener
	 * @return the child spec of the worker's sub-supervisor
	 */
	static ChildSpec isolated(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, WorkerRuntime runtime) {
		Intensity intensity = Intensity.derivedFrom(spec.interval(), PERIOD);
		ChildSpec worker = PeriodicWorker.childSpec(spec, jobs, runtime, new WorkerRuns(spec.name()));
		return ChildSpec.supervisor(spec.name(), () -> Supervisor.builder(spec.name())
			.strategy(Strategy.ONE_FOR_ONE)
			.intensity(intensity)
			.child(worker)
			.build());
	}

}
