package dev.resilience.tree;

import java.util.List;

/**
 * The whole tree at a point in time: the root supervisor and, in start order, each
 * sub-supervisor with its workers.
 *
 * @param root the root supervisor
 * @param supervisors the sub-supervisors in start order
 * @since 0.1.0
 */
public record TreeSnapshot(SupervisorInfo root, List<Branch> supervisors) {

	/**
	 * One sub-supervisor and its workers.
	 *
	 * @param supervisor the sub-supervisor
	 * @param workers its workers in start order
	 * @since 0.1.0
	 */
	public record Branch(SupervisorInfo supervisor, List<WorkerSnapshot> workers) {
	}

}
