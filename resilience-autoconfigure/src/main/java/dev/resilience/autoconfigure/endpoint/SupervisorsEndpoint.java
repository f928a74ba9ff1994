package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import dev.resilience.autoconfigure.settings.Durations;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.SupervisorInfo;
import dev.resilience.tree.TreeSnapshot;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.WorkerRuns;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code supervisors} endpoint: the supervision tree with every supervisor and worker, read
 * from the tree's one joined snapshot, and a write operation
 * ({@code POST /actuator/supervisors/{worker}} with
 * {@code {"action": "restart" | "stop" | "start"}}) that is off unless access is granted
 * ({@code management.endpoint.supervisors.access=unrestricted}).
 *
 * @since 0.1.0
 */
@Endpoint(id = "supervisors", defaultAccess = Access.READ_ONLY)
public class SupervisorsEndpoint {

	private final Supplier<Optional<SupervisionTree>> tree;

	/**
	 * @param tree the running supervision tree, empty before start
	 */
	public SupervisorsEndpoint(Supplier<Optional<SupervisionTree>> tree) {
		this.tree = tree;
	}

	/** @return the tree, or {@code null} (404) before the workers started */
	@ReadOperation
	public SupervisorsDescriptor supervisors() {
		return this.tree.get().map((tree) -> new SupervisorsDescriptor(describe(tree.snapshot()))).orElse(null);
	}

	/**
	 * Restarts, stops or starts one worker.
	 * @param worker the worker's name
	 * @param action {@code restart}, {@code stop} or {@code start}
	 * @return what was done
	 */
	@WriteOperation
	public ActionDescriptor act(@Selector String worker, String action) {
		String normalized = (action != null) ? action.trim().toLowerCase(Locale.ROOT) : "";
		SupervisionTree tree = this.tree.get()
			.orElseThrow(() -> new InvalidEndpointRequestException("The supervision tree is not running",
					"Not running"));
		try {
			switch (normalized) {
				case "restart" -> tree.restartWorker(worker);
				case "stop" -> tree.stopWorker(worker);
				case "start" -> tree.startWorker(worker);
				default -> throw new InvalidEndpointRequestException(
						"Unknown action '" + action + "'; allowed: restart, stop, start", "Unknown action");
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return new ActionDescriptor(worker, normalized, describe(tree.snapshot()));
	}

	private static SupervisorDescriptor describe(TreeSnapshot snapshot) {
		List<Object> branches = snapshot.supervisors()
			.stream()
			.map((branch) -> (Object) describe(branch.supervisor(),
					branch.workers().stream().map((worker) -> (Object) describe(worker)).toList()))
			.toList();
		return describe(snapshot.root(), branches);
	}

	private static SupervisorDescriptor describe(SupervisorInfo supervisor, List<Object> children) {
		IntensityDescriptor intensity = (supervisor.intensity() != null) ? new IntensityDescriptor(
				supervisor.intensity().maxRestarts(), text(supervisor.intensity().period())) : null;
		return new SupervisorDescriptor(supervisor.id(), supervisor.strategy().name(), supervisor.state().name(),
				intensity, supervisor.restartsInWindow(), children);
	}

	private static WorkerDescriptor describe(WorkerSnapshot worker) {
		WorkerRuns.Failure failure = worker.lastFailure();
		WorkerSnapshot.Lock lock = worker.lock();
		return new WorkerDescriptor(worker.name(), worker.state().name(), worker.restart().name(), worker.runs(),
				worker.consecutiveFailures(),
				(failure != null) ? new FailureDescriptor(failure.type(), failure.message(), failure.at().toString())
						: null,
				(worker.nextRun() != null) ? worker.nextRun().toString() : null,
				(lock != null) ? new SingletonDescriptor(lock.instance(), lock.heldByThisInstance(),
						text(lock.lockAtMostFor()), lock.acquiredRuns(), lock.skippedRuns(), lock.unavailableRuns())
						: null);
	}

	static String text(Duration duration) {
		return Durations.text(duration);
	}

	/**
	 * The tree.
	 *
	 * @param root the root supervisor
	 */
	public record SupervisorsDescriptor(SupervisorDescriptor root) implements OperationResponseBody {
	}

	/**
	 * A supervisor.
	 *
	 * @param id its id
	 * @param strategy its strategy
	 * @param state its state (for a sub-supervisor that is not running, the state its last
	 * incarnation ended in)
	 * @param intensity its restart intensity
	 * @param restartsInWindow restarts within the current period
	 * @param children its supervisors and workers in start order
	 */
	public record SupervisorDescriptor(String id, String strategy, String state, IntensityDescriptor intensity,
			int restartsInWindow, List<Object> children) {

		/** @return {@code supervisor} */
		public String getType() {
			return "supervisor";
		}

	}

	/**
	 * A restart intensity.
	 *
	 * @param maxRestarts restarts allowed within the period
	 * @param period the period
	 */
	public record IntensityDescriptor(int maxRestarts, String period) {
	}

	/**
	 * A worker.
	 *
	 * @param name its name
	 * @param state {@code RUNNING} or {@code STOPPED}
	 * @param restart its restart type
	 * @param runs runs so far
	 * @param consecutiveFailures failed runs in a row
	 * @param lastFailure its last failure, or {@code null}
	 * @param nextRun when its next run is due, or {@code null}
	 * @param singleton its cluster lock status, or {@code null} if it is not a cluster singleton
	 */
	public record WorkerDescriptor(String name, String state, String restart, long runs, int consecutiveFailures,
			FailureDescriptor lastFailure, String nextRun, SingletonDescriptor singleton) {

		/** @return {@code worker} */
		public String getType() {
			return "worker";
		}

	}

	/**
	 * The cluster lock status of a cluster-singleton worker, as this instance sees it.
	 *
	 * @param instance this instance
	 * @param heldByThisInstance whether this instance holds the lock now (a run is in progress
	 * here)
	 * @param lockAtMostFor how long the lock is held at most
	 * @param acquiredRuns runs made here holding the lock
	 * @param skippedRuns runs skipped because another instance held the lock
	 * @param unavailableRuns runs skipped because the lock store was unreachable
	 */
	public record SingletonDescriptor(String instance, boolean heldByThisInstance, String lockAtMostFor,
			long acquiredRuns, long skippedRuns, long unavailableRuns) {
	}

	/**
	 * A failed run.
	 *
	 * @param type the exception's class
	 * @param message its message
	 * @param at when
	 */
	public record FailureDescriptor(String type, String message, String at) {
	}

	/**
	 * The result of a write operation.
	 *
	 * @param worker the worker
	 * @param action what was done
	 * @param root the tree afterwards
	 */
	public record ActionDescriptor(String worker, String action, SupervisorDescriptor root)
			implements OperationResponseBody {
	}

}
