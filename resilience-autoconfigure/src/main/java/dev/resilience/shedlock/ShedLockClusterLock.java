package dev.resilience.shedlock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.resilience.worker.ClusterLock;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/**
 * A {@link ClusterLock} on ShedLock's {@link LockProvider}.
 *
 * @since 0.1.0
 */
public class ShedLockClusterLock implements ClusterLock {

	private final LockProvider lockProvider;

	/**
	 * @param lockProvider ShedLock's lock provider
	 */
	public ShedLockClusterLock(LockProvider lockProvider) {
		this.lockProvider = lockProvider;
	}

	@Override
	public Optional<Lease> tryLock(String name, Duration atMostFor, Duration atLeastFor) {
		return this.lockProvider.lock(new LockConfiguration(Instant.now(), name, atMostFor, atLeastFor))
			.map((lock) -> lock::unlock);
	}

}
