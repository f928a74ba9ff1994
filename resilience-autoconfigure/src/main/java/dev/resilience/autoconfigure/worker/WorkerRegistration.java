package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerSpec;

/**
 * A worker to supervise, with its effective settings: from a {@code @SupervisedWorker} method
 * overridden by {@code resilience.workers.<name>.*}, or from a {@link SupervisedWorkerSource}
 * such as the dependency checks.
 *
 * @param spec the worker's timing, restart type and shutdown timeout
 * @param period its sub-supervisor's period
 * @param maxRestarts its sub-supervisor's restart limit, {@code -1} to derive it from the
 * interval
 * @param group its group, or {@code null}
 * @param jobs supplies the job on every (re)start
 * @param location where it comes from, for messages
 * @param clusterSingleton whether it runs on one instance at a time, under a cluster lock
 */
public record WorkerRegistration(WorkerSpec spec, Duration period, int maxRestarts, String group,
		Supplier<? extends WorkerJob> jobs, String location, boolean clusterSingleton) {

	public WorkerRegistration {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(jobs, "jobs");
		Objects.requireNonNull(location, "location");
	}

	/**
	 * A worker alone in its sub-supervisor, with the derived limit and a 5 s period.
	 * @param spec the worker
	 * @param jobs supplies the job on every (re)start
	 * @param location where it comes from, for messages
	 * @return the registration
	 */
	public static WorkerRegistration of(WorkerSpec spec, Supplier<? extends WorkerJob> jobs, String location) {
		return new WorkerRegistration(spec, Duration.ofSeconds(5), -1, null, jobs, location, false);
	}

	/** @return the worker's name */
	public String name() {
		return this.spec.name();
	}

}
