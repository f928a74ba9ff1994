package dev.resilience.worker;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock shared by the instances of a service, so that a cluster-singleton worker runs on one
 * instance at a time. The starter adapts ShedLock's {@code LockProvider} to it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClusterLock {

	/**
	 * Tries to take the lock.
	 * @param name the lock's name (the worker's name)
	 * @param atMostFor how long the lock is held at most if never released (the holder died)
	 * @param atLeastFor how long the lock is held at least, even if released sooner
	 * @return the held lock, or empty if another instance holds it
	 * @throws Exception if the lock store cannot be reached
	 */
	Optional<Lease> tryLock(String name, Duration atMostFor, Duration atLeastFor) throws Exception;

	/** A held lock. */
	@FunctionalInterface
	interface Lease {

		/** Releases the lock (it stays held until its {@code atLeastFor} has passed). */
		void release();

	}

}
