package dev.resilience.worker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.resilience.runtime.Listeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker job that runs only while this instance holds the worker's {@link ClusterLock}: each
 * run takes the lock, runs the job, and releases it. When another instance holds the lock, or
 * the lock store cannot be reached, the run is skipped: neither is a crash, and the worker tries
 * again one interval later.
 *
 * <p>The lock is held at most {@code lockAtMostFor} (the worker's run timeout, so a run that
 * would outlive its lock is stopped first) and at least {@code lockAtLeastFor} (the interval, so
 * the fleet runs the worker about once per interval rather than once per instance).
 *
 * <p>The {@link SingletonListener} is called on the run's thread, through {@link Listeners}: one
 * that throws is logged (at WARN the first time, at DEBUG after) and never fails the run.
 *
 * @since 0.1.0
 */
public final class SingletonJob implements WorkerJob {

	private static final Logger logger = LoggerFactory.getLogger(SingletonJob.class);

	private final String worker;

	private final WorkerJob job;

	private final ClusterLock lock;

	private final Duration lockAtMostFor;

	private final Duration lockAtLeastFor;

	private final Listeners<SingletonListener> listeners;

	/**
	 * @param worker the worker's name, also the lock's name
	 * @param job the job to run while holding the lock
	 * @param lock the cluster lock
	 * @param lockAtMostFor how long the lock is held at most
	 * @param lockAtLeastFor how long the lock is held at least
	 * @param listener hears every attempt
	 */
	public SingletonJob(String worker, WorkerJob job, ClusterLock lock, Duration lockAtMostFor,
			Duration lockAtLeastFor, SingletonListener listener) {
		this.worker = Objects.requireNonNull(worker, "worker");
		this.job = Objects.requireNonNull(job, "job");
		this.lock = Objects.requireNonNull(lock, "lock");
		this.lockAtMostFor = Objects.requireNonNull(lockAtMostFor, "lockAtMostFor");
		this.lockAtLeastFor = Objects.requireNonNull(lockAtLeastFor, "lockAtLeastFor");
		this.listeners = new Listeners<>("singleton listener", List.of(Objects.requireNonNull(listener, "listener")));
	}

	@Override
	public boolean runOnce() throws Exception {
		Optional<ClusterLock.Lease> lease;
		try {
			lease = this.lock.tryLock(this.worker, this.lockAtMostFor, this.lockAtLeastFor);
		}
		catch (Exception ex) {
			logger.warn("Worker '{}' skipped a run: its cluster lock could not be reached: {}", this.worker,
					ex.toString());
			notify((listener) -> listener.unavailable(this.worker, ex));
			return true;
		}
		if (lease.isEmpty()) {
			notify((listener) -> listener.skipped(this.worker));
			return true;
		}
		notify((listener) -> listener.acquired(this.worker));
		try {
			return this.job.runOnce();
		}
		finally {
			try {
				lease.get().release();
			}
			catch (RuntimeException ex) {
				logger.warn("Worker '{}' could not release its cluster lock; it expires after {}", this.worker,
						this.lockAtMostFor, ex);
			}
			notify((listener) -> listener.released(this.worker));
		}
	}

	private void notify(Consumer<SingletonListener> call) {
		this.listeners.each(this.worker, call);
	}

}
