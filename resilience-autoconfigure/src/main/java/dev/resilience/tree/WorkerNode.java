package dev.resilience.tree;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.worker.WorkerCycle;
import dev.resilience.worker.WorkerRuns;

/**
 * One worker's place in the tree, fixed at build time: its settings, its run record (kept across
 * restarts), its child spec, the id of its sub-supervisor and, for a cluster singleton, its lock.
 *
 * @param settings the worker's settings, as the tree runs it
 * @param kind a worker of the application or a check's worker
 * @param cycle its one state and schedule, kept across restarts: operator controls and parking go here
 * @param childSpec how its sub-supervisor starts it
 * @param singleton its cluster lock, or {@code null}
 * @param stale when it last succeeded, and its stale alarm; {@code null} for a check's worker
 */
record WorkerNode(WorkerSettings settings, WorkerSnapshot.Kind kind, WorkerCycle cycle, ChildSpec childSpec,
		ClusterSingleton singleton, StaleWatch stale) {

	/** @return its run record */
	WorkerRuns runs() {
		return this.cycle.runs();
	}

	String name() {
		return this.settings.name();
	}

	/** @return the id of the sub-supervisor: the group's name, or the worker's own */
	String branchId() {
		return (this.settings.group() != null) ? this.settings.group() : this.settings.name();
	}

}
