package dev.resilience.autoconfigure.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorBuilder;
import dev.resilience.worker.PeriodicWorker;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerStatus;

/**
 * Builds the supervision tree: one root supervisor, under it one sub-supervisor per worker
 * ({@code ONE_FOR_ONE}, intensity derived from the worker's interval unless given) or per group
 * ({@code ONE_FOR_ALL}), each worker alone or with its group in it.
 */
final class SupervisionTreeBuilder {

	/** The id of the root supervisor. */
	static final String ROOT = "root";

	private final WorkerRuntime runtime;

	private final SupervisionListener listener;

	private final Clock clock;

	SupervisionTreeBuilder(WorkerRuntime runtime, SupervisionListener listener, Clock clock) {
		this.runtime = runtime;
		this.listener = listener;
		this.clock = clock;
	}

	/**
	 * @param workers the workers, in start order
	 * @param rootIntensity the root's intensity
	 * @param statuses filled with each worker's status, by name
	 * @param supervisors filled with the id of each worker's sub-supervisor, by worker name
	 * @return the root supervisor, not started
	 */
	Supervisor build(List<WorkerRegistration> workers, Intensity rootIntensity, Map<String, WorkerStatus> statuses,
			Map<String, String> supervisors) {
		Map<String, List<WorkerRegistration>> bySubSupervisor = new LinkedHashMap<>();
		Map<String, WorkerRegistration> byName = new LinkedHashMap<>();
		for (WorkerRegistration worker : workers) {
			WorkerRegistration other = byName.putIfAbsent(worker.name(), worker);
			if (other != null) {
				throw new InvalidResiliencePropertyException("the worker name of " + worker.location(), worker.name(),
						"a name no other worker uses (" + other.location() + " has it)");
			}
		}
		for (WorkerRegistration worker : workers) {
			String id = (worker.group() != null) ? worker.group() : worker.name();
			if (worker.group() != null && byName.containsKey(worker.group())) {
				throw new InvalidResiliencePropertyException("@SupervisedWorker(group) on " + worker.location(),
						worker.group(), "a group name that is not also the name of a worker");
			}
			bySubSupervisor.computeIfAbsent(id, (key) -> new ArrayList<>()).add(worker);
		}
		SupervisorBuilder root = Supervisor.builder(ROOT)
			.strategy(Strategy.ONE_FOR_ONE)
			.intensity(rootIntensity)
			.clock(this.clock)
			.listener(this.listener);
		bySubSupervisor.forEach((id, members) -> {
			boolean group = members.get(0).group() != null;
			Intensity intensity = intensityOf(members);
			List<ChildSpec> children = new ArrayList<>();
			for (WorkerRegistration member : members) {
				WorkerStatus status = new WorkerStatus(member.name());
				statuses.put(member.name(), status);
				supervisors.put(member.name(), id);
				children.add(PeriodicWorker.childSpec(member.spec(), member.jobs(), this.runtime, status));
			}
			List<ChildSpec> fixedChildren = Collections.unmodifiableList(children);
			root.child(ChildSpec.supervisor(id, () -> {
				SupervisorBuilder sub = Supervisor.builder(id)
					.strategy(group ? Strategy.ONE_FOR_ALL : Strategy.ONE_FOR_ONE)
					.intensity(intensity)
					.clock(this.clock)
					.listener(this.listener);
				fixedChildren.forEach(sub::child);
				return sub.build();
			}));
		});
		return root.build();
	}

	/**
	 * The intensity of a sub-supervisor: derived from the shortest interval and longest period
	 * of its workers, unless one gives {@code maxRestarts}, then the largest given.
	 */
	static Intensity intensityOf(List<WorkerRegistration> members) {
		Duration period = members.stream().map(WorkerRegistration::period).max(Duration::compareTo).orElseThrow();
		int explicit = members.stream().mapToInt(WorkerRegistration::maxRestarts).max().orElse(-1);
		if (explicit >= 0) {
			return new Intensity(explicit, period);
		}
		Duration interval = members.stream()
			.map((member) -> member.spec().interval())
			.min(Duration::compareTo)
			.orElseThrow();
		return Intensity.derivedFrom(interval, period);
	}

}
