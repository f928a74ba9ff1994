package dev.resilience.tree;

import java.time.Duration;
import java.time.Instant;

import dev.resilience.runtime.Watchdog;
import dev.resilience.worker.Lease;
import dev.resilience.worker.LeaseLostException;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.WorkerJob;

/**
 * A cluster singleton's job on leases: runs the worker's job only while this instance holds the
 * worker's lease ({@link SingletonLease}), handing it the lease through its {@link RunContext}.
 * A run that ends after its lease was lost fails with a {@link LeaseLostException} (outcome
 * {@code lease_lost}, a crash), whatever the job did. One per incarnation; runs never overlap.
 */
final class LeasedJob implements WorkerJob {

	private final SingletonLease lease;

	private final WorkerJob job;

	LeasedJob(SingletonLease lease, WorkerJob job) {
		this.lease = lease;
		this.job = job;
	}

	@Override
	public boolean runOnce() throws Exception {
		Lease held = this.lease.beforeRun();
		if (held == null) {
			return true; // another instance holds the lease, or the cluster's next run is not due
		}
		long started = this.lease.runtime().scheduler().nanoTime();
		Throwable failure = null;
		boolean again = true;
		Watchdog.Guard guard = this.lease.runStarting();
		try {
			again = this.job.runOnce(RunContext.of(this.lease.spec().name(), held));
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			this.lease.runEnded(guard);
		}
		if (!this.lease.afterRun(held.token(), nextRunIn(started))) {
			throw new LeaseLostException("worker '" + this.lease.spec().name() + "' lost its lease (token "
					+ held.token() + ") during its run", failure);
		}
		if (failure instanceof Exception exception) {
			throw exception;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return again;
	}

	/** @return how long from now until the worker's next run, by its schedule, or {@code null} if never */
	private Duration nextRunIn(long startedNanos) {
		Schedule schedule = this.lease.spec().schedule();
		if (schedule instanceof Schedule.FixedRate fixedRate) {
			long ran = this.lease.runtime().scheduler().nanoTime() - startedNanos;
			return Duration.ofNanos(Math.max(0, fixedRate.rate().toNanos() - ran));
		}
		if (schedule instanceof Schedule.Cron cron) {
			Instant now = this.lease.runtime().clock().instant();
			Instant next = cron.fires().after(now);
			return (next != null) ? Duration.between(now, next) : null;
		}
		return schedule.interval();
	}

}
