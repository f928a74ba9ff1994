package dev.resilience.tree;

import java.time.Duration;
import java.time.Instant;

import dev.resilience.supervisor.Restart;
import dev.resilience.worker.Backoff;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.WorkerRuns;

/**
 * One worker at a point in time, everything joined: its sub-supervisor, whether it is alive in
 * the tree, its runs, and its cluster lock.
 *
 * @param name the worker's name
 * @param kind a worker of the application or a dependency check's worker
 * @param supervisor its sub-supervisor
 * @param state whether it is alive in the tree
 * @param restart its restart type
 * @param schedule when it runs
 * @param backoff its restart backoff, or {@code null} for none
 * @param runInProgress whether a run is in progress
 * @param runningFor how long the run in progress has run, or {@code null} when none is: a run that
 * never returns shows here with its growing age
 * @param runs runs that ended, across restarts
 * @param consecutiveFailures failed runs since the last successful one
 * @param lastRun the last run that ended, or {@code null}
 * @param lastFailure the last failed run, or {@code null}
 * @param nextRun when the next run is due, or {@code null} while none is scheduled
 * @param lock the cluster lock as this instance sees it, or {@code null} if the worker is not a
 * cluster singleton
 * @since 0.1.0
 */
public record WorkerSnapshot(String name, Kind kind, SupervisorInfo supervisor, State state, Restart restart,
		Schedule schedule, Backoff backoff, boolean runInProgress, Duration runningFor, long runs, int consecutiveFailures, WorkerRuns.LastRun lastRun,
		WorkerRuns.Failure lastFailure, Instant nextRun, Lock lock) {

	/** Whether a worker is alive in the tree. */
	public enum State {

		/** Started by its supervisor: scheduled, or running a run. */
		RUNNING,

		/** Paused by an operator: no run starts until it is resumed; not a crash. */
		PAUSED,

		/**
		 * Parked: a check it depends on is DEGRADED, so no run starts (a run in progress ends as it
		 * would); it runs on its first tick after all its checks are CONNECTED. Not a crash. A
		 * worker both paused and parked shows {@link #PAUSED}.
		 */
		PARKED,

		/** Not running: stopped on request, exited and not restarted, or its supervisor is down. */
		STOPPED

	}

	/** What a worker is for. */
	public enum Kind {

		/** A worker of the application. */
		WORKER,

		/** The worker that runs a dependency check. */
		CHECK

	}

	/**
	 * The cluster lock of a cluster-singleton worker, as this instance sees it.
	 *
	 * @param instance this instance's name
	 * @param heldByThisInstance whether this instance holds the lock now: on ShedLock, while a run
	 * is in progress here; on leases, while this instance holds the lease, between runs too
	 * @param lockAtMostFor how long the lock is held at most (ShedLock), or how long a run may go
	 * on before its lease is no longer renewed (leases): the run timeout
	 * @param acquiredRuns runs this instance made holding the lock
	 * @param skippedRuns runs skipped because another instance held the lock (on leases also: the
	 * cluster's next run was not due yet)
	 * @param unavailableRuns runs skipped because the lock store was unreachable
	 * @param lease the lease as this instance last read or wrote it, or {@code null} on ShedLock
	 * or before the first read
	 * @since 0.1.0
	 */
	public record Lock(String instance, boolean heldByThisInstance, Duration lockAtMostFor, long acquiredRuns,
			long skippedRuns, long unavailableRuns, LeaseInfo lease) {

		/**
		 * The status of a lock without a lease (ShedLock).
		 * @param instance this instance's name
		 * @param heldByThisInstance whether this instance holds the lock now
		 * @param lockAtMostFor how long the lock is held at most
		 * @param acquiredRuns runs this instance made holding the lock
		 * @param skippedRuns runs skipped because another instance held the lock
		 * @param unavailableRuns runs skipped because the lock store was unreachable
		 */
		public Lock(String instance, boolean heldByThisInstance, Duration lockAtMostFor, long acquiredRuns,
				long skippedRuns, long unavailableRuns) {
			this(instance, heldByThisInstance, lockAtMostFor, acquiredRuns, skippedRuns, unavailableRuns, null);
		}

	}

	/**
	 * A cluster singleton's lease, as this instance last read or wrote it: times are the
	 * database's.
	 *
	 * @param holder the instance holding it, empty when released
	 * @param token its fencing token
	 * @param expiresAt when it expires unless renewed
	 * @param nextRunAt when the cluster runs the worker next, or {@code null} if not known
	 * @param leaseTime how long it is held unless renewed
	 * @since 0.1.0
	 */
	public record LeaseInfo(String holder, long token, Instant expiresAt, Instant nextRunAt, Duration leaseTime) {
	}

}
