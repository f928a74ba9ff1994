package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.SingletonJob;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerSpec;

/**
 * Cluster-singleton workers: wraps their jobs in a {@link SingletonJob} on the application's
 * {@link ClusterLock}, keeps each one's lock status for the {@code supervisors} endpoint, and
 * sets {@code <name>_lock_unavailable} (MINOR) while the lock store cannot be reached.
 *
 * <p>The lock is held at most for the worker's {@code timeout} ({@value #DEFAULT_LOCK_AT_MOST_FOR_SECONDS}
 * seconds when none is given, which then becomes the run timeout), and at least for its
 * interval.
 */
public class ClusterSingletons {

	/** The run timeout, and so the lock's longest hold, of a singleton that gives none. */
	public static final int DEFAULT_LOCK_AT_MOST_FOR_SECONDS = 30;

	private final ClusterLock lock;

	private final Alarms alarms;

	private final SingletonListener listeners;

	private final String instance;

	private final Map<String, Status> statuses = new ConcurrentHashMap<>();

	private final SingletonListener attempts = new Attempts();

	/**
	 * @param lock the cluster lock, or {@code null} when there is none
	 * @param alarms where the lock-unavailable alarm goes
	 * @param listeners also hear every attempt (meters)
	 * @param instance this instance's name, for status views
	 */
	public ClusterSingletons(ClusterLock lock, Alarms alarms, SingletonListener listeners, String instance) {
		this.lock = lock;
		this.alarms = alarms;
		this.listeners = listeners;
		this.instance = instance;
	}

	/**
	 * @param worker a registration
	 * @return the same registration, or, for a cluster singleton, one whose job runs under the
	 * cluster lock and whose run timeout is the lock's longest hold
	 * @throws InvalidResiliencePropertyException for a cluster singleton without a cluster lock
	 */
	WorkerRegistration apply(WorkerRegistration worker) {
		if (!worker.clusterSingleton()) {
			return worker;
		}
		if (this.lock == null) {
			throw new InvalidResiliencePropertyException("cluster-singleton of worker '" + worker.name() + "'", true,
					"false, unless ShedLock (net.javacrumbs.shedlock:shedlock-provider-jdbc-template) is on the class "
							+ "path with a DataSource or a LockProvider bean");
		}
		WorkerSpec spec = worker.spec();
		Duration atMostFor = (spec.timeout() != null) ? spec.timeout()
				: Duration.ofSeconds(DEFAULT_LOCK_AT_MOST_FOR_SECONDS);
		Duration atLeastFor = (spec.interval().compareTo(atMostFor) < 0) ? spec.interval() : Duration.ZERO;
		WorkerSpec bounded = new WorkerSpec(spec.name(), spec.interval(), spec.initialDelay(), atMostFor,
				spec.shutdownTimeout(), spec.restart());
		this.statuses.put(spec.name(), new Status(atMostFor));
		return new WorkerRegistration(bounded, worker.period(), worker.maxRestarts(), worker.group(),
				() -> new SingletonJob(spec.name(), worker.jobs().get(), this.lock, atMostFor, atLeastFor,
						this.attempts),
				worker.location(), true);
	}

	/**
	 * @param worker a worker's name
	 * @return its lock status, empty if it is not a cluster singleton
	 */
	public Optional<Status> status(String worker) {
		return Optional.ofNullable(this.statuses.get(worker));
	}

	/** @return this instance's name */
	public String instance() {
		return this.instance;
	}

	/**
	 * @param worker a worker's name
	 * @return the id of the alarm set while its lock store is unreachable
	 */
	public static String alarmId(String worker) {
		return worker + "_lock_unavailable";
	}

	/** Keeps status, the lock-unavailable alarm, and passes each attempt on to the listeners. */
	private final class Attempts implements SingletonListener {

		@Override
		public void acquired(String worker) {
			ClusterSingletons.this.status(worker).ifPresent((status) -> status.acquired());
			ClusterSingletons.this.alarms.clear(alarmId(worker));
			ClusterSingletons.this.listeners.acquired(worker);
		}

		@Override
		public void released(String worker) {
			ClusterSingletons.this.status(worker).ifPresent((status) -> status.released());
			ClusterSingletons.this.listeners.released(worker);
		}

		@Override
		public void skipped(String worker) {
			ClusterSingletons.this.status(worker).ifPresent((status) -> status.skipped());
			ClusterSingletons.this.alarms.clear(alarmId(worker));
			ClusterSingletons.this.listeners.skipped(worker);
		}

		@Override
		public void unavailable(String worker, Throwable failure) {
			ClusterSingletons.this.status(worker).ifPresent((status) -> status.unavailable());
			ClusterSingletons.this.alarms.set(alarmId(worker), Severity.MINOR,
					"cluster lock of worker '" + worker + "' unreachable: " + failure.getClass().getName());
			ClusterSingletons.this.listeners.unavailable(worker, failure);
		}

	}

	/** The lock status of one singleton worker on this instance. Thread-safe. */
	public static final class Status {

		private final Duration lockAtMostFor;

		private volatile boolean held;

		private long acquiredRuns;

		private long skippedRuns;

		private long unavailableRuns;

		Status(Duration lockAtMostFor) {
			this.lockAtMostFor = lockAtMostFor;
		}

		/** @return how long the lock is held at most */
		public Duration lockAtMostFor() {
			return this.lockAtMostFor;
		}

		/** @return whether this instance holds the lock now (a run is in progress here) */
		public boolean held() {
			return this.held;
		}

		/** @return runs this instance made holding the lock */
		public synchronized long acquiredRuns() {
			return this.acquiredRuns;
		}

		/** @return runs skipped because another instance held the lock */
		public synchronized long skippedRuns() {
			return this.skippedRuns;
		}

		/** @return runs skipped because the lock store was unreachable */
		public synchronized long unavailableRuns() {
			return this.unavailableRuns;
		}

		synchronized void acquired() {
			this.held = true;
			this.acquiredRuns++;
		}

		void released() {
			this.held = false;
		}

		synchronized void skipped() {
			this.skippedRuns++;
		}

		synchronized void unavailable() {
			this.unavailableRuns++;
		}

	}

}
