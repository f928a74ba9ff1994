package dev.resilience.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the leases of cluster-singleton workers live, shared by every instance of a service: the
 * starter's is a table on the application's database ({@code dev.resilience.lease.JdbcLeaseStore}).
 * Every time here is the store's own clock, never the caller's: instances whose clocks disagree
 * still agree on who holds a lease.
 *
 * <p>Each change is one atomic statement. A lease is free when it has no row, was released
 * ({@link Row#holder()} empty) or has expired; taking a free lease adds one to its token, so the
 * token grows every time the lease changes hands. Implementations are thread-safe; their methods
 * block on the store and are called on run threads, never on the timer.
 *
 * @since 0.1.0
 */
public interface LeaseStore {

	/**
	 * Reads a lease.
	 * @param name the lease's name (the worker's)
	 * @return its row, empty if it was never taken
	 * @throws Exception if the store cannot be reached
	 */
	Optional<Row> read(String name) throws Exception;

	/**
	 * Takes a free lease: the first time (no row), or the one {@code seen} if it is still as seen
	 * and free (released or expired).
	 * @param name the lease's name
	 * @param holder this instance's id
	 * @param leaseTime how long the lease is held unless renewed
	 * @param seen the row as last read, or {@code null} if there was none
	 * @return the row now held by {@code holder}, empty if another instance was quicker
	 * @throws Exception if the store cannot be reached
	 */
	Optional<Row> acquire(String name, String holder, Duration leaseTime, Row seen) throws Exception;

	/**
	 * Renews a lease held and not expired, and writes when the worker runs next.
	 * @param name the lease's name
	 * @param holder this instance's id
	 * @param token the token it holds the lease with
	 * @param leaseTime how long from now the lease is held unless renewed again
	 * @param nextRunIn how long from now the worker runs next, or {@code null} to leave it
	 * @return the renewed row, empty if the lease expired or moved: it is lost
	 * @throws Exception if the store cannot be reached
	 */
	Optional<Row> renew(String name, String holder, long token, Duration leaseTime, Duration nextRunIn)
			throws Exception;

	/**
	 * Releases a lease, so another instance may take it at once.
	 * @param name the lease's name
	 * @param holder this instance's id
	 * @param token the token it holds the lease with
	 * @param nextRunIn how long from now the worker would have run next, or {@code null} to leave it
	 * @return whether it was still held with that token
	 * @throws Exception if the store cannot be reached
	 */
	boolean release(String name, String holder, long token, Duration nextRunIn) throws Exception;

	/**
	 * One lease as the store holds it, with the store's time of the statement that read or
	 * wrote it.
	 *
	 * @param name the lease's name
	 * @param holder the instance holding it, empty once released
	 * @param token its fencing token
	 * @param expiresAt when it expires unless renewed
	 * @param nextRunAt when the worker runs next, or {@code null} if never written
	 * @param now the store's time when the row was read or written
	 */
	record Row(String name, String holder, long token, Instant expiresAt, Instant nextRunAt, Instant now) {

		public Row {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(holder, "holder");
			Objects.requireNonNull(expiresAt, "expiresAt");
			Objects.requireNonNull(now, "now");
		}

		/** @return whether another instance may take the lease now: released or expired */
		public boolean free() {
			return this.holder.isEmpty() || !this.expiresAt.isAfter(this.now);
		}

		/**
		 * @param instance an instance's id
		 * @return whether that instance holds the lease, not expired
		 */
		public boolean heldBy(String instance) {
			return this.holder.equals(instance) && this.expiresAt.isAfter(this.now);
		}

	}

}
