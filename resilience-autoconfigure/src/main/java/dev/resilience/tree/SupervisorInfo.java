package dev.resilience.tree;

import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorSnapshot;

/**
 * One supervisor of the tree at a point in time.
 *
 * @param id its id: {@code root}, or the worker's or group's name for a sub-supervisor
 * @param strategy its strategy
 * @param state its state; for a sub-supervisor that is not running, the state its last
 * incarnation ended in
 * @param intensity its restart intensity
 * @param restartsInWindow restarts within the current period
 * @since 0.1.0
 */
public record SupervisorInfo(String id, Strategy strategy, Supervisor.State state, Intensity intensity,
		int restartsInWindow) {

	static SupervisorInfo of(SupervisorSnapshot snapshot) {
		return new SupervisorInfo(snapshot.id(), snapshot.strategy(), snapshot.state(), snapshot.intensity(),
				snapshot.restartsInWindow());
	}

}
