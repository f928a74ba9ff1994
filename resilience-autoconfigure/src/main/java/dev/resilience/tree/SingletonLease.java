package dev.resilience.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.resilience.runtime.Watchdog;
import dev.resilience.worker.Lease;
import dev.resilience.worker.LeaseEvent;
import dev.resilience.worker.LeaseLostException;
import dev.resilience.worker.LeaseStore;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerCycle;
import dev.resilience.worker.WorkerRuns;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's hold on one cluster singleton's lease: sticky (kept between runs), renewed on
 * the tree's timer every third of the lease time, and fenced by the token the store hands out.
 *
 * <p>A run of a holder costs no trip to the store before it starts; its end renews the lease and
 * writes when the worker runs next ({@code next_run_at}), so a new holder runs when this one would
 * have. A run of any other instance reads the lease (one trip) and skips, unless the lease is free
 * (released or expired), which it then takes. A taker waits for the cluster's next run if that is
 * still ahead; an instance that does not hold the lease wakes (a trigger of its worker) at the
 * cluster's next run or the lease's expiry, whichever comes first, if its own schedule would
 * come later.
 *
 * <p>The holder stops renewing once a run outlives its timeout, so another instance takes over
 * after the lease expires while the stalled run is fenced out. A renewal that finds the lease
 * moved, or that fails when the lease would expire before the next one, loses the lease and
 * interrupts the run in progress, which ends as {@code lease_lost}. The lease is released while
 * the worker is paused, parked or stopped, and when the tree stops.
 *
 * <p>Local expiry is timed on the timer's monotonic clock from when a renewal was sent, so it
 * comes no later than the store's; the wall clock is never read.
 *
 * <p><b>Threading.</b> Thread-safe. Store calls happen on run threads, outside any lock; state
 * changes are serialized on this object; listeners are called outside it; timer tasks only hand
 * over to the run threads or trigger the worker.
 */
final class SingletonLease {

	private static final Logger logger = LoggerFactory.getLogger(SingletonLease.class);

	private final String worker;

	private final String instance;

	private final LeaseStore store;

	private final Duration leaseTime;

	private final long renewEveryNanos;

	private final WorkerSpec spec;

	private final WorkerRuntime runtime;

	private final SingletonListener listener;

	/** Hears a renewal that could not reach the store: sets the lock alarm, counts no run. */
	private final Consumer<Throwable> renewalUnreachable;

	private final long toleranceNanos;

	private volatile WorkerCycle cycle;

	/** The lease while this instance holds it, else {@code null}. */
	private volatile Held held;

	/** The lease as last read or written, or {@code null}. */
	private volatile LeaseStore.Row seen;

	/** After taking the lease: the cluster's next run, on the timer's scale; {@code null} when due. */
	private volatile Long notBeforeNanos;

	/** The guard of the run in progress, to interrupt it when the lease is lost. */
	private volatile Watchdog.Guard run;

	private volatile boolean closed;

	/** Whether this instance stands by (refuses traffic): it releases the lease and does not take it. */
	private volatile BooleanSupplier standBy = () -> false;

	private ScheduledFuture<?> renewal;

	private ScheduledFuture<?> wakeUp;

	/**
	 * @param spec the worker's spec, bounded by its run timeout
	 * @param store where leases live
	 * @param instance this instance's id
	 * @param leaseTime how long the lease is held unless renewed
	 * @param runtime the timer, run threads and watchdog
	 * @param listener hears runs, skips and lease events
	 * @param renewalUnreachable hears a renewal that could not reach the store
	 */
	SingletonLease(WorkerSpec spec, LeaseStore store, String instance, Duration leaseTime, WorkerRuntime runtime,
			SingletonListener listener, Consumer<Throwable> renewalUnreachable) {
		this.renewalUnreachable = renewalUnreachable;
		this.worker = spec.name();
		this.spec = spec;
		this.store = store;
		this.instance = instance;
		this.leaseTime = leaseTime;
		this.renewEveryNanos = leaseTime.toNanos() / 3;
		this.runtime = runtime;
		this.listener = listener;
		this.toleranceNanos = Math.min(Duration.ofMillis(10).toNanos(), spec.interval().toNanos() / 10);
	}

	/**
	 * @param standBy whether this instance stands by, as while it refuses traffic: then it
	 * releases the lease (at a run's end, before a run, or at the next renewal, whichever comes
	 * first) and does not take it
	 */
	void standBy(BooleanSupplier standBy) {
		this.standBy = Objects.requireNonNull(standBy, "standBy");
	}

	/** @param cycle the worker's cycle, whose runs are watched and which a wake-up triggers */
	void attach(WorkerCycle cycle) {
		this.cycle = cycle;
	}

	/** @return the worker's spec */
	WorkerSpec spec() {
		return this.spec;
	}

	/** @return the runtime */
	WorkerRuntime runtime() {
		return this.runtime;
	}

	/**
	 * Before a run: whether this instance runs it, and under which lease.
	 * @return the lease to run under, or {@code null} to skip this run
	 */
	Lease beforeRun() {
		if (this.closed) {
			return null;
		}
		Held current = this.held;
		if (this.standBy.getAsBoolean()) {
			if (current != null) {
				logger.info("Worker '{}' releases its lease (token {}): its instance refuses traffic", this.worker,
						current.token());
				release(current, null);
			}
			this.listener.skipped(this.worker);
			return null;
		}
		if (current != null) {
			if (nanos() - current.expiresNanos() < 0) {
				Long notBefore = this.notBeforeNanos;
				if (notBefore != null && nanos() - notBefore < -this.toleranceNanos) {
					this.listener.skipped(this.worker); // the cluster's next run is not due yet: a wake-up comes then
					return null;
				}
				this.notBeforeNanos = null;
				this.listener.acquired(this.worker);
				return new HeldLease(current.token(), current.expiresAt());
			}
			logger.warn("Worker '{}' lost its lease (token {}): it ran out on this instance without a renewal",
					this.worker, current.token());
			lose(current, false);
		}
		return poll();
	}

	/** Not holding: reads the lease, and takes it if it is free. */
	private Lease poll() {
		Optional<LeaseStore.Row> read;
		try {
			read = this.store.read(this.worker);
		}
		catch (Exception ex) {
			unavailable(ex);
			return null;
		}
		LeaseStore.Row row = read.orElse(null);
		if (row != null) {
			this.seen = row;
			if (!row.free()) {
				wakeUpBefore(row, nanos());
				this.listener.skipped(this.worker);
				return null;
			}
		}
		long sent = nanos();
		Optional<LeaseStore.Row> taken;
		try {
			taken = this.store.acquire(this.worker, this.instance, this.leaseTime, row);
		}
		catch (Exception ex) {
			unavailable(ex);
			return null;
		}
		long received = nanos();
		if (taken.isEmpty()) {
			this.listener.skipped(this.worker); // another instance was quicker
			return null;
		}
		LeaseStore.Row mine = taken.get();
		this.seen = mine;
		Held current = new Held(mine.token(), sent + this.leaseTime.toNanos(), mine.expiresAt(), sent);
		synchronized (this) {
			this.held = current;
			renewLater();
		}
		boolean takenOver = row != null && !row.holder().isEmpty() && !row.holder().equals(this.instance);
		logger.info("Worker '{}' {} its lease on instance {} with token {}{}", this.worker,
				takenOver ? "took over" : "acquired", this.instance, mine.token(),
				takenOver ? " from " + row.holder() : "");
		this.listener.lease(this.worker, takenOver ? LeaseEvent.TAKEN_OVER : LeaseEvent.ACQUIRED);
		if (this.closed) {
			release(current);
			return null;
		}
		if (mine.nextRunAt() != null) {
			long until = Duration.between(mine.now(), mine.nextRunAt()).toNanos();
			if (until > this.toleranceNanos) {
				this.notBeforeNanos = received + until;
				wakeUpAt(received + until);
				this.listener.skipped(this.worker);
				return null;
			}
		}
		this.listener.acquired(this.worker);
		return new HeldLease(mine.token(), mine.expiresAt());
	}

	/**
	 * After a run under the lease: renews it and writes when the worker runs next.
	 * @param token the token the run held
	 * @param nextRunIn how long from now the worker runs next, or {@code null} if never
	 * @return whether the lease was still held at the end of the run
	 */
	boolean afterRun(long token, Duration nextRunIn) {
		Held current = this.held;
		if (current == null || current.token() != token) {
			return false;
		}
		if (this.standBy.getAsBoolean()) {
			logger.info("Worker '{}' releases its lease (token {}) after its run: its instance refuses traffic",
					this.worker, current.token());
			release(current, nextRunIn);
			return true;
		}
		return renew(current, nextRunIn, false);
	}

	/** A run under the lease starts on the calling thread: a lost lease interrupts it through this guard. */
	Watchdog.Guard runStarting() {
		Watchdog.Guard guard = this.runtime.watchdog().guard(null);
		this.run = guard;
		return guard;
	}

	/** The run ends: no interrupt reaches this thread after this. */
	void runEnded(Watchdog.Guard guard) {
		this.run = null;
		guard.end();
	}

	/** On the timer: hands the renewal to the run threads. */
	private void renewalDue() {
		try {
			this.runtime.runThreads().execute(this::renewNow);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the lease is released by close(), or expires
		}
	}

	/** On a run thread, every third of the lease time while held. */
	private void renewNow() {
		Held current = this.held;
		if (current == null || this.closed) {
			return;
		}
		WorkerRuns runs = this.cycle.runs();
		Duration running = runs.runningFor();
		if (running != null && this.spec.timeout() != null && running.compareTo(this.spec.timeout()) > 0) {
			logger.warn("Worker '{}' stops renewing its lease (token {}): its run has gone on for {}, past its "
					+ "timeout of {}; another instance takes over once the lease expires, and the run is fenced out",
					this.worker, current.token(), running, this.spec.timeout());
			lose(current, false);
			return;
		}
		if (!runs.running() && this.standBy.getAsBoolean()) {
			logger.info("Worker '{}' releases its lease (token {}): its instance refuses traffic", this.worker,
					current.token());
			release(current, null);
			return;
		}
		if (!runs.running() && (runs.paused() || runs.parked() || runs.nextRun(this.runtime.clock()) == null)) {
			logger.info("Worker '{}' releases its lease (token {}): it is {}", this.worker, current.token(),
					runs.paused() ? "paused" : runs.parked() ? "parked" : "stopped");
			release(current);
			return;
		}
		long since = nanos() - current.renewedNanos();
		if (since < this.renewEveryNanos) {
			synchronized (this) {
				renewLater(this.renewEveryNanos - since); // a run's end renewed it lately
			}
			return;
		}
		renew(current, null, true);
	}

	private boolean renew(Held current, Duration nextRunIn, boolean onTimer) {
		long sent = nanos();
		Optional<LeaseStore.Row> renewed;
		try {
			renewed = this.store.renew(this.worker, this.instance, current.token(), this.leaseTime, nextRunIn);
		}
		catch (Exception ex) {
			this.renewalUnreachable.accept(ex);
			if (current.expiresNanos() - nanos() > this.renewEveryNanos) {
				logger.warn("Worker '{}' could not renew its lease (token {}); it tries again in {}: {}", this.worker,
						current.token(), Duration.ofNanos(this.renewEveryNanos), ex.toString());
				if (onTimer) {
					synchronized (this) {
						renewLater();
					}
				}
				return true;
			}
			logger.warn("Worker '{}' gives up its lease (token {}): it could not renew it before it expires: {}",
					this.worker, current.token(), ex.toString());
			lose(current, true);
			return false;
		}
		if (renewed.isEmpty()) {
			logger.warn("Worker '{}' lost its lease (token {}): it expired or moved to another instance", this.worker,
					current.token());
			lose(current, true);
			return false;
		}
		LeaseStore.Row row = renewed.get();
		this.seen = row;
		synchronized (this) {
			if (this.held != current) {
				return this.held != null && this.held.token() == current.token();
			}
			this.held = new Held(current.token(), sent + this.leaseTime.toNanos(), row.expiresAt(), sent);
			if (onTimer) {
				renewLater();
			}
		}
		this.listener.lease(this.worker, LeaseEvent.RENEWED);
		return true;
	}

	/** Loses the lease held: no more renewals; with {@code interrupt}, the run in progress is interrupted. */
	private void lose(Held current, boolean interrupt) {
		synchronized (this) {
			if (this.held != current) {
				return;
			}
			this.held = null;
			cancelRenewal();
		}
		this.listener.lease(this.worker, LeaseEvent.LOST);
		Watchdog.Guard guard = this.run;
		if (interrupt && guard != null) {
			guard.interrupt();
		}
	}

	private void release(Held current) {
		release(current, null);
	}

	private void release(Held current, Duration nextRunIn) {
		synchronized (this) {
			if (this.held != current) {
				return;
			}
			this.held = null;
			cancelRenewal();
		}
		try {
			this.store.release(this.worker, this.instance, current.token(), nextRunIn);
		}
		catch (Exception ex) {
			logger.warn("Worker '{}' could not release its lease (token {}); it expires within {}: {}", this.worker,
					current.token(), this.leaseTime, ex.toString());
		}
		this.listener.lease(this.worker, LeaseEvent.RELEASED);
	}

	/** The tree stops: the lease is released, so another instance takes it at the cluster's next run. */
	void close() {
		this.closed = true;
		synchronized (this) {
			if (this.wakeUp != null) {
				this.wakeUp.cancel(false);
			}
		}
		Held current = this.held;
		if (current != null) {
			release(current);
		}
	}

	private void unavailable(Exception failure) {
		logger.warn("Worker '{}' skipped a run: its lease store could not be reached: {}", this.worker,
				failure.toString());
		this.listener.unavailable(this.worker, failure);
	}

	/**
	 * Not holding: wakes at the cluster's next run or the lease's expiry, whichever comes first,
	 * if this worker's own next tick (about one interval away) would come later.
	 */
	private void wakeUpBefore(LeaseStore.Row row, long received) {
		Instant target = row.expiresAt();
		if (row.nextRunAt() != null && row.nextRunAt().isAfter(row.now()) && row.nextRunAt().isBefore(target)) {
			target = row.nextRunAt();
		}
		long in = Duration.between(row.now(), target).toNanos();
		long interval = this.spec.interval().toNanos();
		if (in < interval - interval / 10) {
			wakeUpAt(received + in);
		}
	}

	/** Triggers the worker at a time on the timer's scale. */
	private synchronized void wakeUpAt(long atNanos) {
		if (this.wakeUp != null) {
			this.wakeUp.cancel(false);
		}
		WorkerCycle target = this.cycle;
		if (target == null || this.closed) {
			return;
		}
		try {
			this.wakeUp = this.runtime.scheduler().schedule(target::trigger, Duration.ofNanos(Math.max(0, atNanos - nanos())));
		}
		catch (RejectedExecutionException ex) {
			this.wakeUp = null; // the timer is closed: shutting down
		}
	}

	/** Called holding this object's lock. */
	private void renewLater() {
		renewLater(this.renewEveryNanos);
	}

	/** Called holding this object's lock. */
	private void renewLater(long delayNanos) {
		cancelRenewal();
		try {
			this.renewal = this.runtime.scheduler().schedule(this::renewalDue, Duration.ofNanos(delayNanos));
		}
		catch (RejectedExecutionException ex) {
			this.renewal = null;
		}
	}

	private void cancelRenewal() {
		if (this.renewal != null) {
			this.renewal.cancel(false);
			this.renewal = null;
		}
	}

	private long nanos() {
		return this.runtime.scheduler().nanoTime();
	}

	/** @return whether this instance holds the lease, as far as it can tell without asking */
	boolean heldHere() {
		Held current = this.held;
		return current != null && nanos() - current.expiresNanos() < 0;
	}

	/** @return the lease as last read or written, or {@code null} before the first read */
	WorkerSnapshot.LeaseInfo info() {
		LeaseStore.Row row = this.seen;
		return (row != null) ? new WorkerSnapshot.LeaseInfo(row.holder(), row.token(), row.expiresAt(), row.nextRunAt(),
				this.leaseTime) : null;
	}

	/**
	 * The lease while held.
	 * @param token its token
	 * @param expiresNanos when it expires here, on the timer's scale: the lease time after the last renewal was sent
	 * @param expiresAt when it expires, by the store's clock
	 * @param renewedNanos when the last renewal was sent, on the timer's scale
	 */
	private record Held(long token, long expiresNanos, Instant expiresAt, long renewedNanos) {
	}

	/** The lease one run holds. */
	private final class HeldLease implements Lease {

		private final long token;

		private volatile Instant expiresAt;

		HeldLease(long token, Instant expiresAt) {
			this.token = token;
			this.expiresAt = expiresAt;
		}

		@Override
		public long token() {
			return this.token;
		}

		@Override
		public Instant expiresAt() {
			Held current = SingletonLease.this.held;
			if (current != null && current.token() == this.token) {
				this.expiresAt = current.expiresAt();
			}
			return this.expiresAt;
		}

		@Override
		public boolean isHeld() {
			Held current = SingletonLease.this.held;
			return current != null && current.token() == this.token && nanos() - current.expiresNanos() < 0;
		}

		@Override
		public void checkHeld() {
			if (!isHeld()) {
				throw new LeaseLostException("worker '" + SingletonLease.this.worker + "' no longer holds its lease (token "
						+ this.token + ")", null);
			}
		}

		@Override
		public String toString() {
			return "Lease[" + SingletonLease.this.worker + ", token " + this.token + "]";
		}

	}

}
