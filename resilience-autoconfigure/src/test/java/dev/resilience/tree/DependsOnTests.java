package dev.resilience.tree;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckSettings;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Intensity;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.Trigger;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of workers that depend on a check, in a {@link SupervisionTree} on a manual scheduler:
 * parked while the check is DEGRADED (no run, no crash, no alarm, no restart, no lock attempt),
 * running again on the first tick after it is CONNECTED, and their own alarms held back until the
 * check says whose fault a failure was.
 */
class DependsOnTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final CheckSettings DB = new CheckSettings("db", MINUTE, Duration.ofSeconds(5), 2, "db_down",
			Severity.CRITICAL);

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final Alarms alarms = Alarms.builder().build();

	private final AtomicBoolean dbUp = new AtomicBoolean(true);

	private final AtomicInteger checkRuns = new AtomicInteger();

	private final AtomicInteger runs = new AtomicInteger();

	private final AtomicBoolean failing = new AtomicBoolean();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final List<String> lockAsked = new CopyOnWriteArrayList<>();

	private SupervisionTree tree;

	@AfterEach
	void stop() {
		if (this.tree != null) {
			this.tree.stop();
		}
		this.alarms.close();
		this.timer.shutdownNow();
	}

	@Test
	void workerStartsParkedAndRunsOnItsFirstTickAfterTheCheckIsConnected() {
		start(settings(3));
		assertThat(state()).isEqualTo(WorkerSnapshot.State.PARKED);
		assertThat(this.tree.waitingFor("a")).containsExactly("db");
		assertThat(this.heard).containsExactly("parked a [db]");
		check(true);
		workerTick();
		assertThat(this.runs).as("one pass of two: still DEGRADED").hasValue(0);
		check(true);
		assertThat(state()).isEqualTo(WorkerSnapshot.State.RUNNING);
		assertThat(this.tree.waitingFor("a")).isEmpty();
		assertThat(this.heard).containsExactly("parked a [db]", "unparked a");
		workerTick();
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void parkedWorkerRunsNothingCrashesNeverAndRaisesNoAlarm() {
		start(settings(1));
		connect();
		check(false);
		assertThat(state()).isEqualTo(WorkerSnapshot.State.PARKED);
		int before = this.runs.get();
		this.failing.set(true);
		for (int i = 0; i < 5; i++) {
			workerTick();
		}
		WorkerSnapshot parked = this.tree.worker("a").orElseThrow();
		assertThat(this.runs).hasValue(before);
		assertThat(parked.runs()).isEqualTo(before);
		assertThat(parked.consecutiveFailures()).isZero();
		assertThat(parked.supervisor().restartsInWindow()).as("nothing counts toward restart intensity").isZero();
		assertThat(this.alarms.isSet("a_crashing")).isFalse();
		assertThat(this.tree.triggerWorker("a")).isEqualTo(Trigger.PARKED);
		this.tree.restartWorker("a");
		workerTick();
		assertThat(this.runs).as("a restarted incarnation is parked too").hasValue(before);
		this.failing.set(false);
		connect();
		runWorkerNow();
		assertThat(this.runs).hasValue(before + 1);
		assertThat(this.heard).containsExactly("parked a [db]", "unparked a", "parked a [db]", "unparked a");
	}

	@Test
	void workerBothPausedAndParkedShowsPausedAndIsParkedOnceResumed() {
		start(settings(3));
		this.tree.pauseWorker("a");
		assertThat(state()).isEqualTo(WorkerSnapshot.State.PAUSED);
		this.tree.resumeWorker("a");
		assertThat(state()).isEqualTo(WorkerSnapshot.State.PARKED);
		workerTick();
		assertThat(this.runs).hasValue(0);
	}

	@Test
	void crashAlarmOfADependentWorkerWaitsForTheCheckAndGoesThroughWhenItPasses() {
		start(settings(1));
		connect();
		this.failing.set(true);
		runWorkerNow();
		assertThat(this.tree.worker("a").orElseThrow().consecutiveFailures()).isEqualTo(1);
		assertThat(this.alarms.isSet("a_crashing")).as("held until the check has run again").isFalse();
		check(true);
		assertThat(this.alarms.isSet("a_crashing")).isTrue();
		runWorkerNow();
		assertThat(this.alarms.active()).singleElement()
			.satisfies((alarm) -> assertThat(alarm.description()).contains("boom"));
	}

	@Test
	void crashAlarmOfADependentWorkerIsDroppedWhenTheCheckFailsNext() {
		start(settings(1));
		connect();
		this.failing.set(true);
		runWorkerNow();
		check(false);
		assertThat(this.alarms.active()).extracting((alarm) -> alarm.id()).containsExactly("db_down");
		this.failing.set(false);
		connect();
		runWorkerNow();
		assertThat(this.alarms.active()).isEmpty();
		assertThat(this.alarms.history()).extracting((transition) -> transition.alarm().id())
			.containsOnly("db_down");
	}

	@Test
	void crashAlarmWaitingIsDroppedByASuccessfulRunsClear() {
		start(settings(1));
		connect();
		this.failing.set(true);
		runWorkerNow();
		this.failing.set(false);
		for (int i = 0; i < CrashLoopAlarm.SUCCESSES_TO_CLEAR; i++) {
			runWorkerNow();
		}
		check(true);
		assertThat(this.alarms.history()).isEmpty();
	}

	@Test
	void runInProgressWhenTheCheckFailsEndsAndItsFailureRaisesNoAlarm() {
		start(settings(1), () -> () -> {
			this.runs.incrementAndGet();
			check(false);
			throw new IllegalStateException("connection lost");
		});
		connect();
		runWorkerNow();
		WorkerSnapshot a = this.tree.worker("a").orElseThrow();
		assertThat(a.state()).isEqualTo(WorkerSnapshot.State.PARKED);
		assertThat(a.consecutiveFailures()).as("the failure itself is counted").isEqualTo(1);
		assertThat(this.alarms.isSet("a_crashing")).isFalse();
		connect();
		assertThat(this.alarms.active()).isEmpty();
		assertThat(this.alarms.history()).extracting((transition) -> transition.alarm().id())
			.containsOnly("db_down");
	}

	@Test
	void parkedClusterSingletonTakesNoLockAndItsLockAlarmWaitsForTheCheck() {
		ClusterLock lock = (name, most, least) -> {
			this.lockAsked.add(name);
			if (!this.dbUp.get() || this.failing.get()) {
				throw new IOException("connection refused");
			}
			return Optional.of(() -> {
			});
		};
		this.tree = builder().clusterLock(lock, "node-1")
			.worker(settings(3).withClusterSingleton(true), this::job)
			.build();
		this.tree.start();
		workerTick();
		assertThat(this.lockAsked).as("parked: no lock attempt").isEmpty();
		connect();
		int asked = this.lockAsked.size();
		this.failing.set(true);
		runWorkerNow();
		assertThat(this.lockAsked).hasSize(asked + 1);
		assertThat(this.alarms.isSet("a_lock_unavailable")).as("held until the check has run again").isFalse();
		check(false);
		asked = this.lockAsked.size();
		workerTick();
		workerTick();
		assertThat(this.lockAsked).as("parked: no lock attempt").hasSize(asked);
		assertThat(this.alarms.active()).extracting((alarm) -> alarm.id()).containsExactly("db_down");
		this.failing.set(false);
		connect();
		int ran = this.runs.get();
		runWorkerNow();
		assertThat(this.runs).hasValue(ran + 1);
		this.failing.set(true);
		runWorkerNow();
		check(true);
		assertThat(this.alarms.isSet("a_lock_unavailable")).as("the check passed: the lock store's fault").isTrue();
	}

	@Test
	void workerMayDependOnlyOnChecksOfTheTree() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().worker(settings(3).withDependsOn(List.of("db", "cache")), this::job).build())
			.withMessage("worker 'a' depends on check 'cache', which the tree does not have; its checks: [db]");
	}

	private WorkerSettings settings(int alarmAfterFailures) {
		return new WorkerSettings(WorkerSpec.of("a", MINUTE), MINUTE, -1, null, false, alarmAfterFailures,
				Severity.MINOR)
			.withDependsOn(List.of("db"));
	}

	private void start(WorkerSettings settings) {
		start(settings, this::job);
	}

	private void start(WorkerSettings settings, java.util.function.Supplier<WorkerJob> jobs) {
		this.tree = builder().worker(settings, jobs).build();
		this.tree.start();
	}

	private WorkerJob job() {
		return () -> {
			this.runs.incrementAndGet();
			if (this.failing.get()) {
				throw new IllegalStateException("boom");
			}
			return true;
		};
	}

	private WorkerSnapshot.State state() {
		return this.tree.worker("a").orElseThrow().state();
	}

	/** Runs ticks until the check has run once more, passing or failing. */
	private void check(boolean passes) {
		this.dbUp.set(passes);
		int before = this.checkRuns.get();
		while (this.checkRuns.get() == before) {
			this.scheduler.runNext();
		}
	}

	/** Passes the check until it is CONNECTED. */
	private void connect() {
		for (int i = 0; i < DB.passingChecks(); i++) {
			check(true);
		}
	}

	/** Runs the worker now, with no check in between. */
	private void runWorkerNow() {
		assertThat(this.tree.triggerWorker("a")).isEqualTo(Trigger.STARTED);
		List<ManualWorkerScheduler.Tick> pending = this.scheduler.pending();
		pending.get(pending.size() - 1).run();
	}

	/** Runs ticks until one of the worker's ran (a check's ticks in between). */
	private void workerTick() {
		int before;
		do {
			before = this.checkRuns.get();
			this.scheduler.runNext();
		}
		while (this.checkRuns.get() != before);
	}

	private SupervisionTreeBuilder builder() {
		return SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
			.watchdog(Watchdog.on(this.timer))
			.clock(new TestClock())
			.rootIntensity(new Intensity(100, Duration.ofSeconds(5)))
			.alarms(this.alarms)
			.workerListener(new WorkerListener() {

				@Override
				public void parked(String worker, List<String> waitingFor) {
					DependsOnTests.this.heard.add("parked " + worker + " " + waitingFor);
				}

				@Override
				public void unparked(String worker) {
					DependsOnTests.this.heard.add("unparked " + worker);
				}

			})
			.check(DB, () -> {
				this.checkRuns.incrementAndGet();
				if (!this.dbUp.get()) {
					throw new IOException("connection refused");
				}
			});
	}

}
