package dev.resilience.tree;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorSnapshot;
import dev.resilience.worker.WorkerRuns;
import dev.resilience.worker.WorkerSpec;

/**
 * Joins the supervisors' snapshot with each worker's run record and lock into one
 * {@link TreeSnapshot}, so readers (the endpoint, health, meters) never join by name.
 *
 * @param workers the tree's workers
 * @param lastIncarnations the last incarnation of each sub-supervisor, for the state of one
 * that is not running
 * @param clock tells the time of runs
 * @param instance this instance's name, for cluster locks
 */
record TreeSnapshots(Collection<WorkerNode> workers, Map<String, AtomicReference<Supervisor>> lastIncarnations,
		Clock clock, String instance) {

	TreeSnapshot of(SupervisorSnapshot rootSnapshot) {
		List<TreeSnapshot.Branch> branches = new ArrayList<>();
		for (SupervisorSnapshot.ChildSnapshot child : rootSnapshot.children()) {
			SupervisorInfo info = (child.supervisor() != null) ? SupervisorInfo.of(child.supervisor())
					: lastIncarnation(child.id());
			List<String> running = (child.supervisor() != null) ? child.supervisor()
				.children()
				.stream()
				.filter(SupervisorSnapshot.ChildSnapshot::running)
				.map(SupervisorSnapshot.ChildSnapshot::id)
				.toList() : List.of();
			List<WorkerSnapshot> members = this.workers
				.stream()
				.filter((node) -> node.branchId().equals(child.id()))
				.map((node) -> snapshot(node, info, running.contains(node.name())))
				.toList();
			branches.add(new TreeSnapshot.Branch(info, members));
		}
		return new TreeSnapshot(SupervisorInfo.of(rootSnapshot), List.copyOf(branches));
	}

	private WorkerSnapshot snapshot(WorkerNode node, SupervisorInfo supervisor, boolean running) {
		WorkerRuns runs = node.runs();
		WorkerSpec spec = node.settings().spec();
		return new WorkerSnapshot(node.name(), node.kind(), supervisor,
				!running ? WorkerSnapshot.State.STOPPED
						: runs.paused() ? WorkerSnapshot.State.PAUSED
								: runs.parked() ? WorkerSnapshot.State.PARKED : WorkerSnapshot.State.RUNNING,
				spec.restart(), spec.schedule(), spec.backoff(), runs.running(), runs.runningFor(), runs.runs(), runs.consecutiveFailures(), runs.lastRun(this.clock),
				runs.lastFailure(), running ? runs.nextRun(this.clock) : null,
				(node.singleton() != null) ? node.singleton().snapshot(this.instance) : null);
	}

	private SupervisorInfo lastIncarnation(String id) {
		Supervisor last = this.lastIncarnations.get(id).get();
		return (last != null) ? SupervisorInfo.of(last.snapshot())
				: new SupervisorInfo(id, Strategy.ONE_FOR_ONE, Supervisor.State.NEW, null, 0);
	}

}
