package dev.resilience.autoconfigure.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.NoSuchWorkerException;
import dev.resilience.worker.Trigger;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code supervisors} endpoint: the supervision tree with every supervisor and worker, read
 * from the tree's one joined snapshot, and a write operation
 * ({@code POST /actuator/supervisors/{worker}} with
 * {@code {"action": "restart" | "stop" | "start" | "pause" | "resume" | "trigger"}}) that is off
 * unless access is granted ({@code management.endpoint.supervisors.access=unrestricted}). Over
 * HTTP, {@link SupervisorsEndpointWebExtension} answers 404 for an unknown worker, 400 for an
 * unknown action and 409 for an action refused now: a trigger during a run or sooner than
 * {@code management.endpoint.supervisors.trigger-min-gap} after the last one, pausing or stopping
 * the worker of a dependency check. Every write operation is audited ({@link OperatorAudit}).
 * Exception messages and the lock holder's identity follow
 * {@code management.endpoint.supervisors.show-details}, as health's details do.
 *
 * @since 0.1.0
 */
@Endpoint(id = "supervisors", defaultAccess = Access.READ_ONLY)
public class SupervisorsEndpoint {

	/** The actions of the write operation. */
	public static final List<String> ACTIONS = List.of("restart", "stop", "start", "pause", "resume", "trigger");

	private final Supplier<Optional<SupervisionTree>> tree;

	private final Show showDetails;

	private final Set<String> roles;

	private final WorkerActionRules rules;

	private final OperatorAudit audit;

	/**
	 * @param tree the running supervision tree, empty before start
	 * @param showDetails when exception messages and the lock holder's identity are shown
	 * @param roles the roles a caller needs for {@link Show#WHEN_AUTHORIZED} (empty: any
	 * authenticated caller)
	 * @param triggerMinGap the shortest time between two triggers of one worker
	 * @param clock tells the time of triggers
	 * @param audit logs and publishes every write operation
	 */
	public SupervisorsEndpoint(Supplier<Optional<SupervisionTree>> tree, Show showDetails, Set<String> roles,
			Duration triggerMinGap, Clock clock, OperatorAudit audit) {
		this.tree = tree;
		this.showDetails = showDetails;
		this.roles = Set.copyOf(roles);
		this.rules = new WorkerActionRules(triggerMinGap, clock);
		this.audit = audit;
	}

	/**
	 * @param security the caller, who sees exception messages and the lock holder's identity
	 * as {@code management.endpoint.supervisors.show-details} says
	 * @return the tree, or {@code null} (404) before the workers started
	 */
	@ReadOperation
	public SupervisorsDescriptor supervisors(SecurityContext security) {
		boolean details = this.showDetails.isShown(security, this.roles);
		return this.tree.get()
			.map((tree) -> new SupervisorsDescriptor(TreeDescriptions.describe(tree.snapshot(), details),
					tree.checks().stream().map((check) -> CheckDescriptor.of(check, details)).toList(),
					Instant.now().toString()))
			.orElse(null);
	}

	/**
	 * Acts on one worker.
	 * @param worker the worker's name
	 * @param action one of {@link #ACTIONS}
	 * @param security the caller, named in the audit line and event
	 * @return what was done
	 * @throws NoSuchWorkerException if there is no such worker
	 * @throws UnknownActionException if the action is none of {@link #ACTIONS}
	 * @throws IllegalStateException if the action cannot be done now: a trigger during a run or
	 * of a paused or parked worker, a trigger sooner than the minimum gap, pausing or stopping
	 * the worker of a dependency check, a worker whose supervisor is down
	 */
	@WriteOperation
	public ActionDescriptor act(@Selector String worker, @Nullable String action, SecurityContext security) {
		String normalized = (action != null) ? action.trim().toLowerCase(Locale.ROOT) : "";
		if (!ACTIONS.contains(normalized)) {
			throw new UnknownActionException(action, ACTIONS);
		}
		try {
			ActionDescriptor done = act(worker, normalized, this.showDetails.isShown(security, this.roles));
			this.audit.record("worker", worker, normalized, security, "done");
			return done;
		}
		catch (RuntimeException ex) {
			this.audit.record("worker", worker, normalized, security, "refused: " + ex.getMessage());
			throw ex;
		}
	}

	private ActionDescriptor act(String worker, String normalized, boolean details) {
		SupervisionTree tree = this.tree.get()
			.orElseThrow(() -> new IllegalStateException("The supervision tree is not running"));
		this.rules.check(tree, worker, normalized);
		switch (normalized) {
			case "restart" -> tree.restartWorker(worker);
			case "stop" -> tree.stopWorker(worker);
			case "start" -> tree.startWorker(worker);
			case "pause" -> tree.pauseWorker(worker);
			case "resume" -> tree.resumeWorker(worker);
			default -> {
				Instant taken = this.rules.takeTrigger(worker);
				Trigger trigger = Trigger.NOT_RUNNING;
				try {
					trigger = tree.triggerWorker(worker);
				}
				finally {
					if (trigger != Trigger.STARTED) {
						this.rules.release(worker, taken);
					}
				}
				if (trigger != Trigger.STARTED) {
					throw new IllegalStateException(reason(worker, trigger, tree));
				}
			}
		}
		return new ActionDescriptor(worker, normalized, TreeDescriptions.describe(tree.snapshot(), details));
	}

	private static String reason(String worker, Trigger trigger, SupervisionTree tree) {
		return switch (trigger) {
			case RUN_IN_PROGRESS -> "Worker '" + worker + "' is running a run; no second run starts beside it";
			case PAUSED -> "Worker '" + worker + "' is paused; resume it first";
			case PARKED -> "Worker '" + worker + "' is parked until the checks it depends on are CONNECTED; "
					+ "DEGRADED now: " + tree.waitingFor(worker);
			default -> "Worker '" + worker + "' is not running; start it first";
		};
	}

	/**
	 * The tree.
	 *
	 * @param root the root supervisor
	 * @param checks the dependency checks, with their hysteresis progress
	 * @param serverTime the server's time of this snapshot, which its other times are relative to
	 */
	public record SupervisorsDescriptor(SupervisorDescriptor root, List<CheckDescriptor> checks, String serverTime)
			implements OperationResponseBody {
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
	 * @param kind {@code WORKER}, or {@code CHECK} for the worker of a dependency check
	 * @param state {@code RUNNING}, {@code PAUSED}, {@code PARKED} (a check it depends on is
	 * DEGRADED) or {@code STOPPED}
	 * @param running whether a run is in progress now
	 * @param restart its restart type
	 * @param schedule when it runs: {@code fixed delay 1s}, {@code fixed rate 10s},
	 * {@code cron 0 0 * * * * (Europe/Oslo)}
	 * @param backoff its restart backoff, {@code 1s..32s x2 ±20%} (initial..max, multiplier,
	 * jitter), or {@code null} for none
	 * @param runs runs so far
	 * @param consecutiveFailures failed runs in a row
	 * @param lastRun its last run, or {@code null}
	 * @param lastFailure its last failure, or {@code null}
	 * @param nextRun when its next run is due, or {@code null}
	 * @param singleton its cluster lock status, or {@code null} if it is not a cluster singleton
	 */
	public record WorkerDescriptor(String name, String kind, String state, boolean running, String restart,
			String schedule, String backoff, long runs, int consecutiveFailures, LastRunDescriptor lastRun,
			FailureDescriptor lastFailure, String nextRun, SingletonDescriptor singleton) {

		/** @return {@code worker} */
		public String getType() {
			return "worker";
		}

	}

	/**
	 * The cluster lock status of a cluster-singleton worker, as this instance sees it.
	 *
	 * @param instance this instance, or {@code null} when details are not shown to this caller
	 * @param heldByThisInstance whether this instance holds the lock now (ShedLock: a run is in
	 * progress here; leases: it holds the lease, between runs too)
	 * @param lockAtMostFor how long the lock is held at most (ShedLock), or how long a run may go
	 * on before its lease is no longer renewed (leases)
	 * @param acquiredRuns runs made here holding the lock
	 * @param skippedRuns runs skipped because another instance held the lock
	 * @param unavailableRuns runs skipped because the lock store was unreachable
	 * @param lease the lease as this instance last read or wrote it, or {@code null} on ShedLock
	 */
	public record SingletonDescriptor(String instance, boolean heldByThisInstance, String lockAtMostFor,
			long acquiredRuns, long skippedRuns, long unavailableRuns, LeaseDescriptor lease) {
	}

	/**
	 * A cluster singleton's lease, as this instance last read or wrote it; times are the database's.
	 *
	 * @param holder the instance holding it, empty when released, or {@code null} when details are
	 * not shown to this caller
	 * @param token its fencing token
	 * @param expiresAt when it expires unless renewed
	 * @param nextRunAt when the cluster runs the worker next, or {@code null} if not known
	 * @param leaseTime how long it is held unless renewed
	 */
	public record LeaseDescriptor(String holder, long token, String expiresAt, String nextRunAt, String leaseTime) {
	}

	/**
	 * The last run that ended.
	 *
	 * @param startedAt when it started, or {@code null} when runs are not timed
	 * @param durationMillis how long it took, or {@code null} when runs are not timed
	 * @param outcome {@code success}, {@code failure}, {@code timeout} or {@code lease_lost}
	 * @param exception what it threw, or {@code null} after a success
	 */
	public record LastRunDescriptor(String startedAt, Long durationMillis, String outcome,
			FailureDescriptor exception) {
	}

	/**
	 * A failed run.
	 *
	 * @param type the exception's class
	 * @param message its message, cut to 2,000 characters, or {@code null} when details are not
	 * shown to this caller
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
