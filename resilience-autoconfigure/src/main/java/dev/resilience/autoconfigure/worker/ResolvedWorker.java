package dev.resilience.autoconfigure.worker;

import java.time.Duration;

import dev.resilience.worker.WorkerSpec;

/**
 * A worker's effective settings: the annotation overridden by {@code resilience.workers.<name>.*}.
 *
 * @param spec the worker's timing, restart type and shutdown timeout
 * @param period its sub-supervisor's period
 * @param maxRestarts its sub-supervisor's restart limit, {@code -1} to derive it
 * @param group its group, or {@code null}
 * @param method where it came from
 */
record ResolvedWorker(WorkerSpec spec, Duration period, int maxRestarts, String group, WorkerMethod method) {

	String name() {
		return this.spec.name();
	}

}
