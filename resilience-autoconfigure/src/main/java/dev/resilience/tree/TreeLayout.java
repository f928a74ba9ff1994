package dev.resilience.tree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorBuilder;

/**
 * The rules that shape the tree: one sub-supervisor per worker ({@code ONE_FOR_ONE}) or per
 * group ({@code ONE_FOR_ALL}), each with the restart intensity derived from its workers unless
 * one of them gives a limit.
 */
final class TreeLayout {

	private TreeLayout() {
	}

	/**
	 * @param nodes the workers in start order
	 * @return the workers by sub-supervisor id, sub-supervisors in the order of their first
	 * worker
	 * @throws IllegalArgumentException if two workers share a name, or a group has a worker's
	 * name
	 */
	static Map<String, List<WorkerNode>> branches(List<WorkerNode> nodes) {
		Map<String, WorkerNode> byName = new LinkedHashMap<>();
		for (WorkerNode node : nodes) {
			if (byName.putIfAbsent(node.name(), node) != null) {
				throw new IllegalArgumentException("two workers are named '" + node.name() + "'");
			}
		}
		Map<String, List<WorkerNode>> branches = new LinkedHashMap<>();
		for (WorkerNode node : nodes) {
			String group = node.settings().group();
			if (group != null && byName.containsKey(group)) {
				throw new IllegalArgumentException(
						"group '" + group + "' of worker '" + node.name() + "' is also the name of a worker");
			}
			branches.computeIfAbsent(node.branchId(), (id) -> new ArrayList<>()).add(node);
		}
		return branches;
	}

	/** @return {@code ONE_FOR_ALL} for a group, {@code ONE_FOR_ONE} for a worker alone */
	static Strategy strategyOf(List<WorkerNode> members) {
		return (members.get(0).settings().group() != null) ? Strategy.ONE_FOR_ALL : Strategy.ONE_FOR_ONE;
	}

	/**
	 * The intensity of a sub-supervisor: derived from the shortest interval and longest period
	 * of its workers ({@code ceil(period / interval) + 1}), unless one gives {@code maxRestarts},
	 * then the largest given.
	 */
	static Intensity intensityOf(List<WorkerNode> members) {
		Duration period = members.stream().map((m) -> m.settings().period()).max(Duration::compareTo).orElseThrow();
		int explicit = members.stream().mapToInt((m) -> m.settings().maxRestarts()).max().orElse(-1);
		if (explicit >= 0) {
			return new Intensity(explicit, period);
		}
		Duration interval = members.stream()
			.map((m) -> m.settings().spec().interval())
			.min(Duration::compareTo)
			.orElseThrow();
		return Intensity.derivedFrom(interval, period);
	}

	/**
	 * Builds the root supervisor ({@code ONE_FOR_ONE}, the builder's root intensity) with one
	 * sub-supervisor per branch; each time a sub-supervisor is started, its incarnation is put in
	 * {@code lastIncarnations} under its id.
	 * @param id the root's id
	 * @param builder the tree's builder: clock, root intensity, supervision listeners
	 * @param branches the workers by sub-supervisor id, from {@link #branches}
	 * @param lastIncarnations filled with one holder per sub-supervisor
	 * @return the root supervisor, not started
	 */
	static Supervisor root(String id, SupervisionTreeBuilder builder, Map<String, List<WorkerNode>> branches,
			Map<String, AtomicReference<Supervisor>> lastIncarnations) {
		SupervisionListener listener = SupervisionListener.composite(builder.supervisionListeners);
		SupervisorBuilder root = Supervisor.builder(id)
			.strategy(Strategy.ONE_FOR_ONE)
			.intensity(builder.rootIntensity)
			.clock(builder.clock)
			.listener(listener);
		branches.forEach((branch, members) -> {
			AtomicReference<Supervisor> last = new AtomicReference<>();
			lastIncarnations.put(branch, last);
			root.child(ChildSpec.supervisor(branch, () -> {
				SupervisorBuilder sub = Supervisor.builder(branch)
					.strategy(strategyOf(members))
					.intensity(intensityOf(members))
					.clock(builder.clock)
					.listener(listener);
				members.forEach((node) -> sub.child(node.childSpec()));
				Supervisor built = sub.build();
				last.set(built);
				return built;
			}));
		});
		return root.build();
	}

}
