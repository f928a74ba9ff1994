package dev.resilience.worker;

import java.time.Instant;

/**
 * The lease a cluster-singleton run holds: proof, checked against the database, that this
 * instance is the one that runs the worker. Its {@link #token()} grows every time the lease
 * changes hands, so a write fenced with it ({@code ... where fence <= :token}) is refused once a
 * later holder has written: a holder that stalled past its lease (a long GC pause, a frozen VM, a
 * call that ignores interrupts) cannot overwrite the work of the instance that took over.
 *
 * <p>Implementations are thread-safe: a run may hand its lease to other threads.
 *
 * @since 0.1.0
 */
public interface Lease {

	/** @return the fencing token: larger for every later holder of the lease */
	long token();

	/**
	 * @return when the lease expires unless renewed, by the database's clock, as last renewed
	 * (the holder renews it every third of the lease time)
	 */
	Instant expiresAt();

	/**
	 * @return whether this instance still holds the lease with this token, as far as it can tell
	 * without asking the database: false once a renewal failed, the lease was given up, or its
	 * time ran out on this instance's monotonic clock since the last renewal
	 */
	boolean isHeld();

	/**
	 * Throws unless the lease is still held: call it before a write that a stalled holder must
	 * not make. Fencing the write with {@link #token()} is what makes it safe; this only stops
	 * early.
	 * @throws LeaseLostException if the lease expired or moved to another instance
	 */
	default void checkHeld() {
		if (!isHeld()) {
			throw new LeaseLostException("the lease with token " + token() + " is no longer held", null);
		}
	}

}
