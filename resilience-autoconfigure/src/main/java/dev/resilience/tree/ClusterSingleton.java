package dev.resilience.tree;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.LeaseEvent;
import dev.resilience.worker.LeaseStore;
import dev.resilience.worker.SingletonJob;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerCycle;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerSpec;

/**
 * One cluster-singleton worker on this instance: its jobs run as {@link SingletonJob}s under the
 * cluster lock (ShedLock), or as {@link LeasedJob}s under its {@link SingletonLease}; it counts its lock attempts for the snapshot, and it sets
 * {@code <name>_lock_unavailable} (MINOR) while the lock store cannot be reached.
 *
 * <p>The lock is held at most for the worker's {@code timeout}, or
 * {@value #DEFAULT_LOCK_AT_MOST_FOR_SECONDS} seconds when it has none (which then becomes its run
 * timeout, so a run never outlives its lock), and at least for its interval, so the fleet runs
 * the worker about once per interval.
 *
 * <p>This class is thread-safe.
 */
final class ClusterSingleton implements SingletonListener {

	/** The run timeout, and so the lock's longest hold, of a singleton that gives none. */
	static final int DEFAULT_LOCK_AT_MOST_FOR_SECONDS = 30;

	private final String worker;

	private final Duration lockAtMostFor;

	private final Duration lockAtLeastFor;

	private final WorkerAlarms alarms;

	private final SingletonListener listener;

	private final AtomicLong acquired = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong unavailable = new AtomicLong();

	private volatile boolean held;

	/** The lease of a singleton on leases, or {@code null} on ShedLock. */
	private SingletonLease lease;

	/** Whether the last run attempt took the lock and so ran the job. */
	private volatile boolean ranTheJob;

	ClusterSingleton(WorkerSpec spec, Alarms alarms, SingletonListener listener) {
		this(spec, WorkerAlarms.direct(alarms), listener);
	}

	/**
	 * @param spec the worker's spec
	 * @param alarms where the lock alarm goes: for a worker that depends on checks, its
	 * {@link DependencyGate}, so a lock store down with the dependency raises no alarm
	 * @param listener hears every lock attempt
	 */
	ClusterSingleton(WorkerSpec spec, WorkerAlarms alarms, SingletonListener listener) {
		this.worker = spec.name();
		this.lockAtMostFor = (spec.timeout() != null) ? spec.timeout()
				: Duration.ofSeconds(DEFAULT_LOCK_AT_MOST_FOR_SECONDS);
		this.lockAtLeastFor = (spec.interval().compareTo(this.lockAtMostFor) < 0) ? spec.interval() : Duration.ZERO;
		this.alarms = alarms;
		this.listener = listener;
	}

	/**
	 * @param worker a worker's name
	 * @return the id of the alarm set while its lock store is unreachable
	 */
	static String alarmId(String worker) {
		return worker + "_lock_unavailable";
	}

	/**
	 * @param spec the worker's spec
	 * @return the same spec with the lock's longest hold as its run timeout
	 */
	WorkerSpec bounded(WorkerSpec spec) {
		return spec.withTimeout(this.lockAtMostFor);
	}

	/**
	 * @param jobs the worker's own jobs
	 * @param lock the cluster lock
	 * @return jobs that run the worker's jobs only while holding the lock
	 */
	Supplier<WorkerJob> wrap(Supplier<? extends WorkerJob> jobs, ClusterLock lock) {
		return () -> new SingletonJob(this.worker, jobs.get(), lock, this.lockAtMostFor, this.lockAtLeastFor, this);
	}

	/**
	 * @param jobs the worker's own jobs
	 * @param store where the lease lives
	 * @param instance this instance's id
	 * @param leaseTime how long the lease is held unless renewed
	 * @param spec the worker's spec, {@link #bounded}
	 * @param runtime the timer, run threads and watchdog
	 * @param standBy whether this instance stands by: it releases the lease and takes none
	 * @return jobs that run the worker's jobs only while this instance holds the worker's lease
	 */
	Supplier<WorkerJob> lease(Supplier<? extends WorkerJob> jobs, LeaseStore store, String instance,
			Duration leaseTime, WorkerSpec spec, WorkerRuntime runtime, BooleanSupplier standBy) {
		SingletonLease held = new SingletonLease(spec, store, instance, leaseTime, runtime, this, this::unreachable);
		held.standBy(standBy);
		this.lease = held;
		return () -> new LeasedJob(held, jobs.get());
	}

	/** @param cycle the worker's cycle, which its lease watches and wakes */
	void attach(WorkerCycle cycle) {
		if (this.lease != null) {
			this.lease.attach(cycle);
		}
	}

	/** The tree stops: a lease held is released. */
	void close() {
		if (this.lease != null) {
			this.lease.close();
		}
	}

	/** @return whether the last run attempt took the lock and ran the job, rather than skipping it */
	boolean ranTheJob() {
		return this.ranTheJob;
	}

	/** @return the lock status as this instance sees it now */
	WorkerSnapshot.Lock snapshot(String instance) {
		SingletonLease leased = this.lease;
		return new WorkerSnapshot.Lock(instance, (leased != null) ? leased.heldHere() : this.held, this.lockAtMostFor,
				this.acquired.get(), this.skipped.get(), this.unavailable.get(), (leased != null) ? leased.info() : null);
	}

	@Override
	public void acquired(String worker) {
		this.held = true;
		this.ranTheJob = true;
		this.acquired.incrementAndGet();
		this.alarms.clear(alarmId(worker));
		this.listener.acquired(worker);
	}

	@Override
	public void released(String worker) {
		this.held = false;
		this.listener.released(worker);
	}

	@Override
	public void skipped(String worker) {
		this.ranTheJob = false;
		this.skipped.incrementAndGet();
		this.alarms.clear(alarmId(worker));
		this.listener.skipped(worker);
	}

	@Override
	public void lease(String worker, LeaseEvent event) {
		this.listener.lease(worker, event);
	}

	@Override
	public void unavailable(String worker, Throwable failure) {
		this.ranTheJob = false;
		this.unavailable.incrementAndGet();
		unreachable(failure);
		this.listener.unavailable(worker, failure);
	}

	/** The lock store could not be reached: by a run, or by a renewal of the lease, which counts no run. */
	private void unreachable(Throwable failure) {
		this.alarms.set(alarmId(this.worker), Severity.MINOR,
				"cluster lock of worker '" + this.worker + "' unreachable: " + failure.getClass().getName());
	}

}
