package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import dev.resilience.autoconfigure.worker.ClusterSingletons;
import dev.resilience.autoconfigure.worker.SupervisedWorkers;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.SupervisorSnapshot;
import dev.resilience.worker.WorkerStatus;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code supervisors} endpoint: the supervision tree with every supervisor and worker, and
 * a write operation ({@code POST /actuator/supervisors/{worker}} with
 * {@code {"action": "restart" | "stop" | "start"}}) that is off unless access is granted
 * ({@code management.endpoint.supervisors.access=unrestricted}).
 */
@Endpoint(id = "supervisors", defaultAccess = Access.READ_ONLY)
public class SupervisorsEndpoint {

	private final SupervisedWorkers workers;

	private final ClusterSingletons singletons;

	/**
	 * @param workers the supervised workers
	 * @param singletons the lock status of cluster-singleton workers, or {@code null}
	 */
	public SupervisorsEndpoint(SupervisedWorkers workers, ClusterSingletons singletons) {
		this.workers = workers;
		this.singletons = singletons;
	}

	/** @return the tree, or {@code null} (404) before the workers started */
	@ReadOperation
	public SupervisorsDescriptor supervisors() {
		return this.workers.snapshot().map((root) -> new SupervisorsDescriptor(describe(root))).orElse(null);
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
		try {
			switch (normalized) {
				case "restart" -> this.workers.restartWorker(worker);
				case "stop" -> this.workers.stopWorker(worker);
				case "start" -> this.workers.startWorker(worker);
				default -> throw new InvalidEndpointRequestException(
						"Unknown action '" + action + "'; allowed: restart, stop, start", "Unknown action");
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return new ActionDescriptor(worker, normalized, this.workers.snapshot().map(this::describe).orElse(null));
	}

	private SupervisorDescriptor describe(SupervisorSnapshot snapshot) {
		List<Object> children = snapshot.children().stream().map((child) -> describe(child)).toList();
		return new SupervisorDescriptor(snapshot.id(), snapshot.strategy().name(), snapshot.state().name(),
				new IntensityDescriptor(snapshot.intensity().maxRestarts(),
						text(snapshot.intensity().period())),
				snapshot.restartsInWindow(), children);
	}

	private Object describe(SupervisorSnapshot.ChildSnapshot child) {
		if (child.type() == ChildSpec.Type.SUPERVISOR) {
			return (child.supervisor() != null) ? describe(child.supervisor())
					: new SupervisorDescriptor(child.id(), null, "TERMINATED", null, 0, List.of());
		}
		WorkerStatus status = this.workers.status(child.id()).orElse(null);
		WorkerStatus.Failure failure = (status != null) ? status.lastFailure() : null;
		return new WorkerDescriptor(child.id(), child.running() ? "RUNNING" : "STOPPED", child.restart().name(),
				(status != null) ? status.runs() : 0, (status != null) ? status.consecutiveFailures() : 0,
				(failure != null) ? new FailureDescriptor(failure.type(), failure.message(), failure.at().toString())
						: null,
				(status != null && status.nextRun() != null && child.running()) ? status.nextRun().toString() : null,
				singleton(child.id()));
	}

	private SingletonDescriptor singleton(String worker) {
		if (this.singletons == null) {
			return null;
		}
		return this.singletons.status(worker)
			.map((status) -> new SingletonDescriptor(this.singletons.instance(), status.held(),
					text(status.lockAtMostFor()), status.acquiredRuns(), status.skippedRuns(), status.unavailableRuns()))
			.orElse(null);
	}

	/** A duration in its largest exact unit: {@code 5s}, {@code 100ms}, {@code 2m}. */
	static String text(Duration duration) {
		for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS,
				ChronoUnit.MILLIS)) {
			if (duration.toNanos() % unit.getDuration().toNanos() == 0) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
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
	 * @param state its state
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
