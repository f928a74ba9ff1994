package dev.resilience.tree;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.CheckState;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.RunObserver;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.Trigger;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of a {@link SupervisionTree} on a manual scheduler: its shape (branches, groups, derived
 * intensity, checks' workers), the per-worker commands and the snapshots an operator reads.
 */
class SupervisionTreeTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final TestClock clock = new TestClock();

	private final Alarms alarms = Alarms.builder().build();

	private final AtomicInteger runs = new AtomicInteger();

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
	void workersGetABranchEachAndAGroupSharesOneForAll() {
		this.tree = builder()
			.check(new CheckSettings("db", MINUTE, Duration.ofSeconds(1), 1, "db_down", Severity.MAJOR), () -> {
			})
			.worker(WorkerSettings.of("a", MINUTE), this::job)
			.worker(WorkerSettings.of("b", Duration.ofSeconds(1)).withGroup("g"), this::job)
			.worker(new WorkerSettings(WorkerSpec.of("c", Duration.ofMillis(100)), Duration.ofSeconds(10), -1, "g",
					false, 3, Severity.MINOR), this::job)
			.build();
		this.tree.start();
		assertThat(this.tree.workerNames()).containsExactly("db-check", "a", "b", "c");
		TreeSnapshot snapshot = this.tree.snapshot();
		assertThat(snapshot.root().id()).isEqualTo(SupervisionTree.ROOT);
		assertThat(snapshot.supervisors()).extracting((branch) -> branch.supervisor().id())
			.containsExactly("db-check", "a", "g");
		TreeSnapshot.Branch a = snapshot.supervisors().get(1);
		assertThat(a.supervisor().strategy()).isEqualTo(Strategy.ONE_FOR_ONE);
		assertThat(a.supervisor().intensity()).isEqualTo(new Intensity(2, Duration.ofSeconds(5)));
		TreeSnapshot.Branch g = snapshot.supervisors().get(2);
		assertThat(g.supervisor().strategy()).isEqualTo(Strategy.ONE_FOR_ALL);
		assertThat(g.supervisor().intensity()).as("shortest interval, longest period")
			.isEqualTo(new Intensity(101, Duration.ofSeconds(10)));
		assertThat(g.workers()).extracting(WorkerSnapshot::name).containsExactly("b", "c");
		assertThat(snapshot.supervisors().get(0).workers()).singleElement().satisfies((check) -> {
			assertThat(check.kind()).isEqualTo(WorkerSnapshot.Kind.CHECK);
			assertThat(check.nextRun()).as("a check runs at once").isEqualTo(this.clock.instant());
		});
		assertThat(a.workers()).singleElement().satisfies((worker) -> {
			assertThat(worker.kind()).isEqualTo(WorkerSnapshot.Kind.WORKER);
			assertThat(worker.state()).isEqualTo(WorkerSnapshot.State.RUNNING);
			assertThat(worker.nextRun()).isEqualTo(this.clock.instant().plus(MINUTE));
			assertThat(worker.lock()).isNull();
			assertThat(worker.restart()).isEqualTo(Restart.PERMANENT);
		});
		assertThat(this.tree.worker("c")).get().extracting(WorkerSnapshot::name).isEqualTo("c");
		assertThat(this.tree.worker("nope")).isEmpty();
	}

	@Test
	void anExplicitMaxRestartsWinsOverTheDerivedOneInAGroup() {
		this.tree = builder()
			.worker(new WorkerSettings(WorkerSpec.of("b", Duration.ofMillis(1)), Duration.ofSeconds(5), 0, "g", false,
					3, Severity.MINOR), this::job)
			.worker(WorkerSettings.of("c", MINUTE).withGroup("g"), this::job)
			.build();
		this.tree.start();
		assertThat(this.tree.snapshot().supervisors()).singleElement()
			.satisfies((g) -> assertThat(g.supervisor().intensity()).isEqualTo(new Intensity(0, Duration.ofSeconds(5))));
	}

	@Test
	void checksRunAsWorkersAndAreReadByName() {
		this.tree = builder()
			.check(new CheckSettings("db", MINUTE, Duration.ofSeconds(1), 1, "db_down", Severity.MAJOR), () -> {
				throw new IllegalStateException("down");
			})
			.build();
		this.tree.start();
		this.scheduler.runNext();
		assertThat(this.tree.checks()).singleElement().satisfies((check) -> assertThat(check.name()).isEqualTo("db"));
		assertThat(this.tree.check("db")).get().extracting((check) -> check.state()).isEqualTo(CheckState.DEGRADED);
		assertThat(this.tree.checkState("db")).contains(CheckState.DEGRADED);
		assertThat(this.tree.check("nope")).isEmpty();
		assertThat(this.tree.checkState("nope")).isEmpty();
	}

	@Test
	void commandsOnAnUnknownWorkerNameTheKnownWorkers() {
		this.tree = builder().worker(WorkerSettings.of("a", MINUTE), this::job)
			.worker(WorkerSettings.of("b", MINUTE), this::job)
			.build();
		this.tree.start();
		List<Runnable> commands = List.of(() -> this.tree.pauseWorker("nope"), () -> this.tree.resumeWorker("nope"),
				() -> this.tree.triggerWorker("nope"), () -> this.tree.restartWorker("nope"),
				() -> this.tree.stopWorker("nope"), () -> this.tree.startWorker("nope"));
		for (Runnable command : commands) {
			assertThatExceptionOfType(NoSuchWorkerException.class).isThrownBy(command::run)
				.withMessage("No worker named 'nope'; workers are [a, b]")
				.satisfies((ex) -> assertThat(ex.getWorker()).isEqualTo("nope"));
		}
	}

	@Test
	void triggerRunsAWorkerNow() {
		this.tree = builder().worker(WorkerSettings.of("a", MINUTE), this::job).build();
		this.tree.start();
		assertThat(this.tree.triggerWorker("a")).isEqualTo(Trigger.STARTED);
		assertThat(this.scheduler.runNext().delay()).isZero();
		assertThat(this.runs).hasValue(1);
		assertThat(this.tree.worker("a").orElseThrow().runs()).isEqualTo(1);
	}

	@Test
	void pausedWorkerStaysPausedAcrossARestartUntilResumed() {
		this.tree = builder().worker(WorkerSettings.of("a", MINUTE), this::job).build();
		this.tree.start();
		this.tree.pauseWorker("a");
		WorkerSnapshot paused = this.tree.worker("a").orElseThrow();
		assertThat(paused.state()).isEqualTo(WorkerSnapshot.State.PAUSED);
		assertThat(paused.nextRun()).isNull();
		assertThat(this.tree.triggerWorker("a")).isEqualTo(Trigger.PAUSED);
		this.tree.restartWorker("a");
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.tree.worker("a").orElseThrow().state()).isEqualTo(WorkerSnapshot.State.PAUSED);
		assertThat(this.tree.triggerWorker("a")).isEqualTo(Trigger.PAUSED);
		this.tree.resumeWorker("a");
		assertThat(this.tree.worker("a").orElseThrow().state()).isEqualTo(WorkerSnapshot.State.RUNNING);
		this.scheduler.runNext();
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void stoppedWorkerStaysStoppedUntilStarted() {
		this.tree = builder().worker(WorkerSettings.of("a", MINUTE), this::job).build();
		this.tree.start();
		assertThat(this.tree.stopWorker("a")).isTrue();
		assertThat(this.tree.stopWorker("a")).as("already stopped").isFalse();
		assertThat(this.scheduler.pending()).isEmpty();
		WorkerSnapshot stopped = this.tree.worker("a").orElseThrow();
		assertThat(stopped.state()).isEqualTo(WorkerSnapshot.State.STOPPED);
		assertThat(stopped.nextRun()).isNull();
		assertThat(this.tree.triggerWorker("a")).isEqualTo(Trigger.NOT_RUNNING);
		this.tree.pauseWorker("a"); // remembered for when it starts
		this.tree.resumeWorker("a");
		this.tree.startWorker("a");
		assertThat(this.tree.worker("a").orElseThrow().state()).isEqualTo(WorkerSnapshot.State.RUNNING);
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(MINUTE);
	}

	@Test
	void snapshotBeforeStartShowsNewBranchesAndAfterStopTheirLastState() {
		this.tree = builder().worker(WorkerSettings.of("a", MINUTE), this::job).build();
		TreeSnapshot before = this.tree.snapshot();
		assertThat(before.supervisors()).singleElement().satisfies((branch) -> {
			assertThat(branch.supervisor())
				.isEqualTo(new SupervisorInfo("a", Strategy.ONE_FOR_ONE, Supervisor.State.NEW, null, 0));
			assertThat(branch.workers()).singleElement()
				.satisfies((worker) -> assertThat(worker.state()).isEqualTo(WorkerSnapshot.State.STOPPED));
		});
		this.tree.start();
		this.tree.stop();
		TreeSnapshot after = this.tree.snapshot();
		this.tree = null;
		assertThat(after.root().state()).isEqualTo(Supervisor.State.STOPPED);
		assertThat(after.supervisors()).singleElement().satisfies((branch) -> {
			assertThat(branch.supervisor().id()).isEqualTo("a");
			assertThat(branch.supervisor().state()).isEqualTo(Supervisor.State.STOPPED);
			assertThat(branch.supervisor().intensity()).isEqualTo(new Intensity(2, Duration.ofSeconds(5)));
			assertThat(branch.workers()).singleElement().satisfies((worker) -> {
				assertThat(worker.state()).isEqualTo(WorkerSnapshot.State.STOPPED);
				assertThat(worker.nextRun()).isNull();
			});
		});
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void crashingWorkerCountsItsFailuresInTheSnapshot() {
		this.tree = builder().worker(WorkerSettings.of("a", MINUTE), () -> () -> {
			throw new IllegalStateException("boom");
		}).build();
		this.tree.start();
		this.scheduler.runNext();
		this.scheduler.runNext();
		WorkerSnapshot a = this.tree.worker("a").orElseThrow();
		assertThat(a.runs()).isEqualTo(2);
		assertThat(a.consecutiveFailures()).isEqualTo(2);
		assertThat(a.lastFailure().message()).isEqualTo("boom");
		assertThat(a.supervisor().restartsInWindow()).isEqualTo(2);
		assertThat(a.state()).isEqualTo(WorkerSnapshot.State.RUNNING);
	}

	@Test
	void builderNeedsAlarmsForChecksAndALockForSingletons() {
		SupervisionTree.builder().build().stop(); // nothing is required: its own timer and run threads
		WorkerScheduler scheduler = this.scheduler;
		assertThatIllegalStateException()
			.isThrownBy(() -> SupervisionTree.builder()
				.scheduler(scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
				.check(new CheckSettings("db", MINUTE, Duration.ofSeconds(1), 1, "db_down", Severity.MAJOR), () -> {
				})
				.build())
			.withMessageContaining("dependency checks need alarms");
		assertThatIllegalStateException()
			.isThrownBy(() -> SupervisionTree.builder()
				.scheduler(scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
				.alarms(this.alarms)
				.worker(WorkerSettings.of("a", MINUTE).withClusterSingleton(true), this::job)
				.build())
			.withMessage("worker 'a' is a cluster singleton, but the tree has no cluster lock or leases, or no alarms");
		assertThatIllegalStateException()
			.isThrownBy(() -> SupervisionTree.builder()
				.scheduler(scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
				.clusterLock((name, most, least) -> java.util.Optional.empty(), "node-1")
				.worker(WorkerSettings.of("a", MINUTE).withClusterSingleton(true), this::job)
				.build())
			.withMessageContaining("no cluster lock or leases, or no alarms");
	}

	@Test
	void workerNamesMustBeUniqueAndNoGroupMayBeNamedAfterAWorker() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().worker(WorkerSettings.of("a", MINUTE), this::job)
				.worker(WorkerSettings.of("a", MINUTE), this::job)
				.build())
			.withMessage("two workers are named 'a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder().worker(WorkerSettings.of("a", MINUTE), this::job)
				.worker(WorkerSettings.of("b", MINUTE).withGroup("a"), this::job)
				.build())
			.withMessage("group 'a' of worker 'b' is also the name of a worker");
	}

	@Test
	void settingsAreValidated() {
		WorkerSpec spec = WorkerSpec.of("a", MINUTE);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSettings(spec, Duration.ZERO, -1, null, false, 3, Severity.MINOR))
			.withMessageContaining("period of worker 'a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSettings(spec, MINUTE, -2, null, false, 3, Severity.MINOR))
			.withMessageContaining("maxRestarts of worker 'a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSettings(spec, MINUTE, -1, null, false, 0, Severity.MINOR))
			.withMessageContaining("alarmAfterFailures of worker 'a'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSettings(spec, MINUTE, -1, " ", false, 3, Severity.MINOR))
			.withMessageContaining("group of worker 'a' must not be blank");
		WorkerSettings least = new WorkerSettings(spec, MINUTE, 0, null, false, 1, Severity.MINOR);
		assertThat(least.withGroup("g").group()).isEqualTo("g");
		assertThat(least.withGroup("g").maxRestarts()).isZero();
		assertThat(least.withClusterSingleton(true).clusterSingleton()).isTrue();
		assertThat(least.withClusterSingleton(true).alarmAfterFailures()).isEqualTo(1);
	}

	@Test
	void theBuildersRunObserverAndCheckListenerHearTheTreesRuns() {
		List<String> heard = new CopyOnWriteArrayList<>();
		RunObserver observer = new RunObserver() {

			@Override
			public Object runStarting(String worker) {
				return worker;
			}

			@Override
			public void runEnded(Object token, RunOutcome outcome, Throwable failure) {
				heard.add("observed " + token + " " + outcome);
			}

		};
		CheckListener listener = new CheckListener() {

			@Override
			public void checked(String check, boolean passed, Duration duration) {
				heard.add("checked " + check + " " + passed);
			}

		};
		this.tree = builder().runObserver(observer)
			.checkListener(listener)
			.crashSummaryInterval(Duration.ofSeconds(30))
			.check(new CheckSettings("db", MINUTE, Duration.ofSeconds(1), 1, "db_down", Severity.MAJOR), () -> {
			})
			.build();
		this.tree.start();
		this.scheduler.runNext();
		assertThat(heard).containsExactly("checked db true", "observed db-check SUCCESS");
	}

	private SupervisionTreeBuilder builder() {
		return SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
			.watchdog(Watchdog.on(this.timer))
			.clock(this.clock)
			.rootIntensity(new Intensity(100, Duration.ofSeconds(5)))
			.alarms(this.alarms);
	}

	private dev.resilience.worker.WorkerJob job() {
		return () -> this.runs.incrementAndGet() > 0;
	}

}
