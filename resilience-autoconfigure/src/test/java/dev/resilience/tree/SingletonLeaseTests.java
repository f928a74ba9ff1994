package dev.resilience.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.alarm.Alarms;
import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.LeaseEvent;
import dev.resilience.worker.LeaseLostException;
import dev.resilience.worker.LeaseStore;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster singleton on a lease, in virtual time, with an in-memory lease store whose clock is
 * the virtual one: what a holder asks the store and when, a lost renewal interrupting the run
 * ({@code lease_lost}), releases on pause and stop, and a taker waiting for the cluster's next run.
 */
class SingletonLeaseTests {

	private static final Duration LEASE_TIME = Duration.ofSeconds(6);

	private final VirtualTime time = new VirtualTime();

	private final ManualScheduler watchdogTimer = new ManualScheduler();

	private final Alarms alarms = Alarms.builder().build();

	private final MemoryStore store = new MemoryStore(this.time);

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final List<Long> runsAt = new CopyOnWriteArrayList<>();

	private final List<RunOutcome> outcomes = new CopyOnWriteArrayList<>();

	private SupervisionTree tree;

	@AfterEach
	void stop() {
		if (this.tree != null) {
			this.tree.stop();
		}
		this.alarms.close();
		this.watchdogTimer.shutdownNow();
	}

	@Test
	void aHoldersRunAsksTheStoreNothingBeforeItAndRenewsAtItsEnd() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(1)), recordRun());
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.store.calls).containsExactly("read", "acquire", "renew next in PT1S");
		this.store.calls.clear();
		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.runsAt).hasSize(6);
		assertThat(this.store.calls).as("five runs, each one renewal with the next run; no timer renewal needed")
			.containsOnly("renew next in PT1S")
			.hasSize(5);
		assertThat(this.heard).containsOnlyOnce("lease acquired pay");
		assertThat(this.tree.worker("pay").orElseThrow().lock().lease().holder()).isEqualTo("me");
	}

	@Test
	void betweenRunsTheHolderRenewsEveryThirdOfTheLeaseTime() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)), recordRun());
		this.time.advance(Duration.ofSeconds(10));
		this.store.calls.clear();
		this.time.advance(Duration.ofSeconds(9));
		assertThat(this.store.calls).as("at 12, 14, 16 and 18 s").containsExactly("renew", "renew", "renew", "renew");
		assertThat(this.store.row("pay").holder()).isEqualTo("me");
	}

	@Test
	void aLostRenewalInterruptsTheRunWhichEndsLeaseLostAndCountsAsACrash() {
		AtomicBoolean interrupted = new AtomicBoolean();
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)), (context) -> {
			if (this.runsAt.isEmpty()) {
				this.runsAt.add(this.time.nanoTime());
				return true;
			}
			this.store.steal("pay", "other");
			this.time.advance(Duration.ofSeconds(1)); // the renewal due now finds the lease moved
			interrupted.set(Thread.currentThread().isInterrupted());
			context.lease().orElseThrow().checkHeld();
			return true;
		});
		this.time.advance(Duration.ofSeconds(10));
		this.time.advance(Duration.ofSeconds(10));
		assertThat(interrupted).isTrue();
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS, RunOutcome.LEASE_LOST);
		assertThat(this.tree.worker("pay").orElseThrow().lastFailure().type())
			.isEqualTo(LeaseLostException.class.getName());
		assertThat(this.heard).contains("lease lost pay");
		assertThat(Thread.interrupted()).as("no interrupt left for the thread's next run").isFalse();
	}

	@Test
	void aStoreThatCannotBeReachedIsRetriedOnceThenTheLeaseIsGivenUp() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(20)), recordRun());
		this.time.advance(Duration.ofSeconds(20));
		this.store.down = true;
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.heard).doesNotContain("lease lost pay").as("a renewal is no run").doesNotContain("unavailable pay");
		assertThat(this.alarms.isSet("pay_lock_unavailable")).isTrue();
		assertThat(this.tree.worker("pay").orElseThrow().lock().unavailableRuns()).isZero();
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.heard).contains("lease lost pay");
		assertThat(this.tree.worker("pay").orElseThrow().lock().heldByThisInstance()).isFalse();
	}

	@Test
	void aPausedHolderReleasesItsLeaseAndAStoppedTreeToo() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)), recordRun());
		this.time.advance(Duration.ofSeconds(10));
		this.tree.pauseWorker("pay");
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.store.row("pay").holder()).isEmpty();
		assertThat(this.heard).contains("lease released pay");
		this.tree.resumeWorker("pay");
		this.time.advance(Duration.ofSeconds(10));
		assertThat(this.store.row("pay").holder()).isEqualTo("me");
		assertThat(this.store.row("pay").token()).isEqualTo(2);
		this.tree.stop();
		this.tree = null;
		assertThat(this.store.row("pay").holder()).isEmpty();
	}

	@Test
	void aTakerWaitsForTheClustersNextRun() {
		this.store.put(new LeaseStore.Row("pay", "", 4, this.store.now(), this.store.now().plusSeconds(5),
				this.store.now()));
		start(new WorkerSpec("pay", Duration.ofSeconds(10), Duration.ZERO, null, Duration.ofSeconds(5),
				dev.resilience.supervisor.Restart.PERMANENT), recordRun());
		this.time.advance(Duration.ZERO);
		assertThat(this.store.row("pay").token()).isEqualTo(5);
		assertThat(this.runsAt).as("the lease is taken, but the cluster's next run is 5 s away").isEmpty();
		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.runsAt).containsExactly(Duration.ofSeconds(5).toNanos());
		this.time.advance(Duration.ofSeconds(10));
		assertThat(this.runsAt).hasSize(2);
	}

	@Test
	void anotherInstanceWakesWhenTheLeaseExpiresAndTakesItOver() {
		this.store.put(new LeaseStore.Row("pay", "other", 7, this.store.now().plusSeconds(2), null, this.store.now()));
		start(new WorkerSpec("pay", Duration.ofSeconds(10), Duration.ZERO, null, Duration.ofSeconds(5),
				dev.resilience.supervisor.Restart.PERMANENT), recordRun());
		this.time.advance(Duration.ZERO);
		assertThat(this.runsAt).isEmpty();
		assertThat(this.heard).contains("skipped pay");
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.runsAt).as("taken over at the expiry, not one interval later").hasSize(1);
		assertThat(this.store.row("pay").token()).isEqualTo(8);
		assertThat(this.heard).contains("lease taken-over pay");
	}

	private ContextJob recordRun() {
		return (context) -> {
			this.runsAt.add(this.time.nanoTime());
			assertThat(context.lease()).isPresent();
			return true;
		};
	}

	private void start(WorkerSpec spec, ContextJob job) {
		this.tree = SupervisionTree.builder()
			.scheduler(this.time)
			.runThreads(WorkerRuntime.ON_TIMER)
			.watchdog(Watchdog.on(this.watchdogTimer))
			.clock(new TestClock())
			.alarms(this.alarms)
			.leases(this.store, "me", LEASE_TIME)
			.workerListener(new WorkerListener() {

				@Override
				public void runFinished(String worker, RunOutcome outcome, Duration took, Throwable failure) {
					SingletonLeaseTests.this.outcomes.add(outcome);
				}

			})
			.singletonListener(new SingletonListener() {

				@Override
				public void skipped(String worker) {
					SingletonLeaseTests.this.heard.add("skipped " + worker);
				}

				@Override
				public void unavailable(String worker, Throwable failure) {
					SingletonLeaseTests.this.heard.add("unavailable " + worker);
				}

				@Override
				public void lease(String worker, LeaseEvent event) {
					SingletonLeaseTests.this.heard.add("lease " + event.tagValue() + " " + worker);
				}

			})
			.worker(WorkerSettings.of(spec).withClusterSingleton(true), () -> job)
			.build();
		this.tree.start();
	}

	/** A job that takes its run's context. */
	@FunctionalInterface
	interface ContextJob extends WorkerJob {

		@Override
		default boolean runOnce() throws Exception {
			return runOnce(RunContext.of("unknown"));
		}

		@Override
		boolean runOnce(RunContext context) throws Exception;

	}

	/** The manual scheduler, its tasks run in due order as time is advanced. */
	static final class VirtualTime implements WorkerScheduler {

		private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

		@Override
		public long nanoTime() {
			return this.scheduler.nanoTime();
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
			return this.scheduler.schedule(task, delay);
		}

		void advance(Duration by) {
			this.scheduler.advanceRunningDue(by);
		}

	}

	/** Leases in memory, on the virtual clock, with the store's rules; {@link #down} makes every call fail. */
	static final class MemoryStore implements LeaseStore {

		final List<String> calls = new CopyOnWriteArrayList<>();

		private final VirtualTime time;

		private final AtomicReference<List<Row>> rows = new AtomicReference<>(List.of());

		volatile boolean down;

		MemoryStore(VirtualTime time) {
			this.time = time;
		}

		Instant now() {
			return Instant.EPOCH.plusNanos(this.time.nanoTime());
		}

		synchronized Row row(String name) {
			return this.rows.get().stream().filter((row) -> row.name().equals(name)).findFirst().orElse(null);
		}

		synchronized void put(Row row) {
			List<Row> all = new ArrayList<>(this.rows.get());
			all.removeIf((existing) -> existing.name().equals(row.name()));
			all.add(row);
			this.rows.set(all);
		}

		synchronized void steal(String name, String thief) {
			Row row = row(name);
			put(new Row(name, thief, row.token() + 1, now().plus(LEASE_TIME), row.nextRunAt(), now()));
		}

		private void call(String what) throws Exception {
			if (this.down) {
				throw new java.sql.SQLTransientConnectionException("down");
			}
			this.calls.add(what);
		}

		@Override
		public synchronized Optional<Row> read(String name) throws Exception {
			call("read");
			Row row = row(name);
			return Optional.ofNullable(row).map((r) -> new Row(r.name(), r.holder(), r.token(), r.expiresAt(),
					r.nextRunAt(), now()));
		}

		@Override
		public synchronized Optional<Row> acquire(String name, String holder, Duration leaseTime, Row seen)
				throws Exception {
			call("acquire");
			Row row = row(name);
			if ((seen == null) != (row == null) || (row != null && (row.token() != seen.token()
					|| (!row.holder().isEmpty() && row.expiresAt().isAfter(now()))))) {
				return Optional.empty();
			}
			Row taken = new Row(name, holder, (row != null) ? row.token() + 1 : 1, now().plus(leaseTime),
					(row != null) ? row.nextRunAt() : null, now());
			put(taken);
			return Optional.of(taken);
		}

		@Override
		public synchronized Optional<Row> renew(String name, String holder, long token, Duration leaseTime,
				Duration nextRunIn) throws Exception {
			call((nextRunIn != null) ? "renew next in " + nextRunIn : "renew");
			Row row = row(name);
			if (row == null || !row.holder().equals(holder) || row.token() != token || !row.expiresAt().isAfter(now())) {
				return Optional.empty();
			}
			Row renewed = new Row(name, holder, token, now().plus(leaseTime),
					(nextRunIn != null) ? now().plus(nextRunIn) : row.nextRunAt(), now());
			put(renewed);
			return Optional.of(renewed);
		}

		@Override
		public synchronized boolean release(String name, String holder, long token, Duration nextRunIn)
				throws Exception {
			call("release");
			Row row = row(name);
			if (row == null || !row.holder().equals(holder) || row.token() != token) {
				return false;
			}
			put(new Row(name, "", token, now(), row.nextRunAt(), now()));
			return true;
		}

	}

}
