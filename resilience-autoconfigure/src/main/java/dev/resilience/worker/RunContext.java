package dev.resilience.worker;

import java.util.Objects;
import java.util.Optional;

/**
 * What a run knows about itself: its worker and, for a cluster singleton on leases, the lease it
 * runs under. A worker method may take one parameter of this type.
 *
 * <pre>{@code
 * @SupervisedWorker(name = "payments", interval = "1s", clusterSingleton = true)
 * public void pay(RunContext run) {
 *     long token = run.lease().orElseThrow().token();
 *     jdbc.update("update ledger set fence = ?, paid = paid + 1 where id = 1 and fence <= ?", token, token);
 * }
 * }</pre>
 *
 * <p>{@link #lease()} is empty for a worker that is not a cluster singleton, and for one whose
 * cluster lock is ShedLock's ({@code resilience.cluster.leases: shedlock}), which has no token.
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface RunContext {

	/** @return the worker's name */
	String worker();

	/** @return the lease this run holds, empty for a worker without a lease */
	Optional<Lease> lease();

	/**
	 * @param worker the worker's name
	 * @return the context of a run without a lease
	 */
	static RunContext of(String worker) {
		return new Of(worker, null);
	}

	/**
	 * @param worker the worker's name
	 * @param lease the lease the run holds
	 * @return the context of a run under that lease
	 */
	static RunContext of(String worker, Lease lease) {
		return new Of(worker, Objects.requireNonNull(lease, "lease"));
	}

	/** The one implementation. */
	record Of(String worker, Lease held) implements RunContext {

		public Of {
			Objects.requireNonNull(worker, "worker");
		}

		@Override
		public Optional<Lease> lease() {
			return Optional.ofNullable(this.held);
		}

	}

}
