package dev.resilience.supervisor;

import java.util.List;

/**
 * A point-in-time view of a supervisor and its children, for endpoints and tests.
 *
 * @param id the supervisor's id
 * @param strategy its strategy
 * @param intensity its restart intensity
 * @param state its state
 * @param restartsInWindow the restarts within the current period
 * @param children its children in start order
 *
 * @since 0.1.0
 */
public record SupervisorSnapshot(String id, Strategy strategy, Intensity intensity, Supervisor.State state,
		int restartsInWindow, List<ChildSnapshot> children) {

	/**
	 * One child.
	 *
	 * @param id the child's id
	 * @param type worker or supervisor
	 * @param restart its restart type
	 * @param running whether it is running (otherwise it terminated and was not restarted)
	 * @param supervisor the nested supervisor's snapshot, or {@code null} for a worker or a
	 * terminated child
	 */
	public record ChildSnapshot(String id, ChildSpec.Type type, Restart restart, boolean running,
			SupervisorSnapshot supervisor) {
	}

}
