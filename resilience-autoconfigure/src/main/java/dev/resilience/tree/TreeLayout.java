package dev.resilience.tree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Strategy;

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

}
