package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Strategy;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.supervisor.Supervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PeriodicWorker} under a {@link Supervisor}, on a real scheduler.
 */
class PeriodicWorkerTests {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);

	private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1);

	private final List<Run> runs = new CopyOnWriteArrayList<>();

	private final List<Exit> exits = new CopyOnWriteArrayList<>();

	private final AtomicInteger restarts = new AtomicInteger();

	private Supervisor supervisor;

	@AfterEach
	void stopEverything() throws InterruptedException {
		if (this.supervisor != null) {
			this.supervisor.stop();
		}
		this.scheduler.shutdownNow();
		this.timeouts.shutdownNow();
		assertThat(this.scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.timeouts.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void runsRepeatedly() {
		AtomicInteger count = new AtomicInteger();
		start(spec(Duration.ofMillis(10)), () -> () -> count.incrementAndGet() > 0);
		await().atMost(AT_MOST).until(() -> count.get() >= 5);
		assertThat(this.restarts).hasValue(0);
		assertThat(this.runs).extracting(Run::outcome).containsOnly(RunOutcome.SUCCESS);
	}

	@Test
	void runsOnAFixedDelayCountedFromTheEndOfTheRun() throws InterruptedException {
		Duration interval = Duration.ofMillis(100);
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		List<Long> startNanos = new CopyOnWriteArrayList<>();
		List<Long> endNanos = new CopyOnWriteArrayList<>();
		WorkerJob job = () -> {
			startNanos.add(System.nanoTime());
			if (started.incrementAndGet() == 1) {
				firstStarted.countDown();
				releaseFirst.await();
			}
			endNanos.add(System.nanoTime());
			return true;
		};
		start(spec(interval), () -> job);
		assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
		// a long run: no run overlaps it and none is due on a fixed rate meanwhile
		await().during(Duration.ofMillis(500)).atMost(AT_MOST).until(() -> started.get() == 1);
		releaseFirst.countDown();
		await().atMost(AT_MOST).until(() -> startNanos.size() >= 3);
		for (int i = 1; i < 3; i++) {
			long sincePreviousEnd = startNanos.get(i) - endNanos.get(i - 1);
			assertThat(Duration.ofNanos(sincePreviousEnd)).isGreaterThanOrEqualTo(interval);
		}
	}

	@Test
	void firstRunWaitsTheInitialDelayAndARestartWaitsTheInterval() {
		AtomicInteger jobs = new AtomicInteger();
		WorkerRuns status = new WorkerRuns("w");
		WorkerSpec spec = new WorkerSpec("w", Duration.ofHours(1), Duration.ZERO, null, Duration.ofSeconds(1),
				Restart.PERMANENT);
		Instant before = Instant.now();
		start(spec, () -> {
			jobs.incrementAndGet();
			return () -> {
				throw new IllegalStateException("boom");
			};
		}, status);
		await().atMost(AT_MOST).until(() -> jobs.get() == 2 && status.nextRun(java.time.Clock.systemUTC()) != null);
		assertThat(status.nextRun(java.time.Clock.systemUTC())).isAfter(before.plus(Duration.ofMinutes(59)));
		assertThat(this.runs).hasSize(1);
	}

	@Test
	void throwingRunIsAnAbnormalExitAndTheWorkerRestartsWithAFreshJob() {
		AtomicInteger jobs = new AtomicInteger();
		List<AtomicInteger> runsPerJob = new CopyOnWriteArrayList<>();
		IllegalStateException crash = new IllegalStateException("boom");
		start(spec(Duration.ofMillis(10)), () -> {
			jobs.incrementAndGet();
			AtomicInteger runsOfThisJob = new AtomicInteger();
			runsPerJob.add(runsOfThisJob);
			return () -> {
				runsOfThisJob.incrementAndGet();
				throw crash;
			};
		});
		await().atMost(AT_MOST).until(() -> this.restarts.get() >= 4);
		assertThat(jobs.get()).isGreaterThanOrEqualTo(5);
		assertThat(this.exits).hasSizeGreaterThanOrEqualTo(4);
		assertThat(runsPerJob).allSatisfy((count) -> assertThat(count.get()).isLessThanOrEqualTo(1));
		assertThat(this.exits).allSatisfy((exit) -> {
			assertThat(exit.kind()).isEqualTo(Exit.Kind.ABNORMAL);
			assertThat(exit.cause()).isSameAs(crash);
		});
		assertThat(this.runs).extracting(Run::outcome).containsOnly(RunOutcome.FAILURE);
		assertThat(this.runs).extracting(Run::failure).containsOnly(crash);
	}

	@Test
	void jobReturningFalseIsANormalExitAndATransientWorkerIsNotRestarted() {
		AtomicInteger jobs = new AtomicInteger();
		WorkerSpec spec = new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, null, Duration.ofSeconds(1),
				Restart.TRANSIENT);
		start(spec, () -> {
			jobs.incrementAndGet();
			return () -> false;
		}, new WorkerRuns("w"));
		await().atMost(AT_MOST).until(() -> !this.exits.isEmpty());
		await().during(Duration.ofMillis(300)).atMost(AT_MOST).until(() -> jobs.get() == 1);
		assertThat(this.exits).containsExactly(Exit.normal());
		assertThat(this.runs).extracting(Run::outcome).containsExactly(RunOutcome.SUCCESS);
		assertThat(this.restarts).hasValue(0);
		assertThat(this.supervisor.snapshot().children()).singleElement()
			.satisfies((child) -> assertThat(child.running()).isFalse());
	}

	@Test
	void jobReturningFalseIsANormalExitAndAPermanentWorkerIsRestarted() {
		AtomicInteger jobs = new AtomicInteger();
		start(spec(Duration.ofMillis(10)), () -> {
			jobs.incrementAndGet();
			return () -> false;
		});
		await().atMost(AT_MOST).until(() -> jobs.get() >= 3 && this.exits.size() >= 2);
		assertThat(this.exits).containsOnly(Exit.normal());
	}

	@Test
	void runLongerThanTheTimeoutIsInterruptedAndReportedAsATimeout() {
		AtomicInteger jobs = new AtomicInteger();
		List<InterruptedException> interruptions = new CopyOnWriteArrayList<>();
		WorkerSpec spec = new WorkerSpec("w", Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(200),
				Duration.ofSeconds(1), Restart.PERMANENT);
		start(spec, () -> {
			jobs.incrementAndGet();
			return () -> {
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					interruptions.add(ex);
					throw ex;
				}
				return true;
			};
		}, new WorkerRuns("w"));
		// the exit is heard after the restart, once the supervisor has released its lock
		await().atMost(AT_MOST).until(() -> jobs.get() == 2 && this.exits.size() == 1);
		assertThat(interruptions).hasSize(1);
		assertThat(this.runs).singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo(RunOutcome.TIMEOUT);
			assertThat(run.failure()).isInstanceOf(RunTimeoutException.class).hasCause(interruptions.get(0));
		});
		assertThat(this.exits).singleElement().satisfies((exit) -> {
			assertThat(exit.kind()).isEqualTo(Exit.Kind.ABNORMAL);
			assertThat(exit.cause()).isInstanceOf(RunTimeoutException.class);
		});
	}

	@Test
	void runWithinTheTimeoutIsASuccess() {
		AtomicInteger count = new AtomicInteger();
		WorkerSpec spec = new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5),
				Duration.ofSeconds(1), Restart.PERMANENT);
		start(spec, () -> () -> count.incrementAndGet() > 0, new WorkerRuns("w"));
		await().atMost(AT_MOST).until(() -> count.get() >= 5);
		assertThat(this.runs).extracting(Run::outcome).containsOnly(RunOutcome.SUCCESS);
		assertThat(this.exits).isEmpty();
	}

	@Test
	void runTimeoutStillAppliesWhileTheWorkerIsStopping() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		WorkerSpec spec = new WorkerSpec("w", Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(500),
				Duration.ofSeconds(60), Restart.PERMANENT);
		start(spec, () -> () -> {
			started.countDown();
			new CountDownLatch(1).await();
			return true;
		}, new WorkerRuns("w"));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Thread stopper = new Thread(this.supervisor::stop, "stopper");
		stopper.start();
		// the run's 500 ms timeout, not the 60 s shutdown timeout, ends it
		stopper.join(AT_MOST.toMillis());
		assertThat(stopper.isAlive()).isFalse();
		await().atMost(AT_MOST).until(() -> !this.runs.isEmpty());
		assertThat(this.runs).singleElement().satisfies((run) -> {
			assertThat(run.outcome()).isEqualTo(RunOutcome.TIMEOUT);
			assertThat(run.failure()).isInstanceOf(RunTimeoutException.class);
		});
		assertThat(this.exits).isEmpty();
	}

	@Test
	void interruptOfATimedOutRunDoesNotCutShortTheStopOfItsSiblings() throws InterruptedException {
		CountDownLatch bStarted = new CountDownLatch(1);
		CountDownLatch releaseB = new CountDownLatch(1);
		AtomicBoolean bInterrupted = new AtomicBoolean();
		AtomicBoolean bFirstRunEnded = new AtomicBoolean();
		AtomicInteger bJobs = new AtomicInteger();
		List<Boolean> firstRunEndedAtRestart = new CopyOnWriteArrayList<>();
		WorkerJob hungUntilTimeout = () -> {
			bStarted.await();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt(); // restores the flag, as a well-behaved job does
				throw new IllegalStateException("interrupted", ex);
			}
			return true;
		};
		WorkerSpec a = new WorkerSpec("a", Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(200),
				Duration.ofSeconds(1), Restart.PERMANENT);
		WorkerSpec b = new WorkerSpec("b", Duration.ofHours(1), Duration.ZERO, null, Duration.ofSeconds(30),
				Restart.PERMANENT);
		Supplier<WorkerJob> bJobSupplier = () -> {
			if (bJobs.incrementAndGet() > 1) {
				firstRunEndedAtRestart.add(bFirstRunEnded.get());
				return () -> true;
			}
			return () -> {
				bStarted.countDown();
				try {
					releaseB.await();
				}
				catch (InterruptedException ex) {
					bInterrupted.set(true);
					throw ex;
				}
				finally {
					bFirstRunEnded.set(true);
				}
				return true;
			};
		};
		WorkerRuntime runtime = runtime();
		this.supervisor = Supervisor.builder("group")
			.strategy(Strategy.ONE_FOR_ALL)
			.listener(recordingListener())
			.child(PeriodicWorker.childSpec(a, () -> hungUntilTimeout, runtime, new WorkerRuns("a")))
			.child(PeriodicWorker.childSpec(b, bJobSupplier, runtime, new WorkerRuns("b")))
			.build();
		this.supervisor.start();
		// a times out and, on its own thread, makes the group stop b, whose run may take 30 s
		await().atMost(AT_MOST).until(() -> isWaitingInWorkerStop());
		releaseB.countDown();
		await().atMost(AT_MOST).until(() -> bJobs.get() == 2);
		assertThat(bInterrupted).isFalse();
		assertThat(firstRunEndedAtRestart).containsExactly(true);
	}

	private static boolean isWaitingInWorkerStop() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getKey().getState() == Thread.State.TIMED_WAITING
					&& Arrays.stream(entry.getValue())
						.anyMatch((frame) -> frame.getClassName().equals(PeriodicWorker.class.getName())
								&& frame.getMethodName().equals("stop")));
	}

	@Test
	void listenerSeesEachOutcomeWithTheWorkersName() {
		AtomicInteger count = new AtomicInteger();
		IllegalStateException crash = new IllegalStateException("second run fails");
		WorkerSpec spec = new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, null, Duration.ofSeconds(1),
				Restart.TRANSIENT);
		start(spec, () -> () -> {
			if (count.incrementAndGet() == 2) {
				throw crash;
			}
			return count.get() < 3;
		}, new WorkerRuns("w"));
		await().atMost(AT_MOST).until(() -> this.exits.size() == 2);
		assertThat(this.runs).extracting(Run::worker).containsOnly("w");
		assertThat(this.runs).extracting(Run::outcome)
			.containsExactly(RunOutcome.SUCCESS, RunOutcome.FAILURE, RunOutcome.SUCCESS);
		assertThat(this.runs).extracting(Run::failure).containsExactly(null, crash, null);
		assertThat(this.runs).allSatisfy((run) -> assertThat(run.duration().isNegative()).isFalse());
		// listeners hear exits on the threads that caused them: no order across two runs
		assertThat(this.exits).containsExactlyInAnyOrder(Exit.abnormal(crash), Exit.normal());
	}

	@Test
	void throwingListenerDoesNotHarmTheWorker() {
		AtomicInteger count = new AtomicInteger();
		WorkerListener throwing = new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				throw new IllegalStateException("listener failure");
			}

		};
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.scheduler),
				dev.resilience.runtime.Watchdog.on(this.timeouts), throwing, Clock.systemUTC());
		this.supervisor = Supervisor.builder("sup")
			.listener(recordingListener())
			.child(PeriodicWorker.childSpec(spec(Duration.ofMillis(10)), () -> () -> count.incrementAndGet() > 0,
					runtime, new WorkerRuns("w")))
			.build();
		this.supervisor.start();
		await().atMost(AT_MOST).until(() -> count.get() >= 3);
		assertThat(this.exits).isEmpty();
	}

	@Test
	void statusCountsFailuresInARowAcrossRestarts() {
		AtomicInteger count = new AtomicInteger();
		WorkerRuns status = new WorkerRuns("w");
		start(spec(Duration.ofMillis(10)), () -> () -> {
			throw new IllegalStateException("failure " + count.incrementAndGet());
		}, status);
		await().atMost(AT_MOST).until(() -> status.consecutiveFailures() >= 3);
		assertThat(status.runs()).isGreaterThanOrEqualTo(3);
		assertThat(status.lastFailure().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(status.lastFailure().message()).startsWith("failure ");
	}

	@Test
	void statusResetsFailuresInARowAfterASuccess() {
		AtomicInteger count = new AtomicInteger();
		WorkerRuns status = new WorkerRuns("w");
		start(spec(Duration.ofMillis(10)), () -> () -> {
			if (count.incrementAndGet() <= 2) {
				throw new IllegalStateException("failure " + count.get());
			}
			return true;
		}, status);
		await().atMost(AT_MOST).until(() -> status.runs() >= 4);
		assertThat(status.consecutiveFailures()).isZero();
		assertThat(status.lastFailure().message()).isEqualTo("failure 2");
	}

	private static WorkerSpec spec(Duration interval) {
		return new WorkerSpec("w", interval, Duration.ZERO, null, Duration.ofSeconds(1), Restart.PERMANENT);
	}

	private void start(WorkerSpec spec, Supplier<WorkerJob> jobs) {
		start(spec, jobs, new WorkerRuns(spec.name()));
	}

	private void start(WorkerSpec spec, Supplier<WorkerJob> jobs, WorkerRuns status) {
		ChildSpec child = PeriodicWorker.childSpec(spec, jobs, runtime(), status);
		this.supervisor = Supervisor.builder("sup")
			.intensity(new Intensity(1000, Duration.ofSeconds(5)))
			.listener(recordingListener())
			.child(child)
			.build();
		this.supervisor.start();
	}

	private SupervisionListener recordingListener() {
		return new SupervisionListener() {

			@Override
			public void childExited(String supervisor, ChildSpec child, Exit exit) {
				PeriodicWorkerTests.this.exits.add(exit);
			}

			@Override
			public void childRestarted(String supervisor, ChildSpec child) {
				PeriodicWorkerTests.this.restarts.incrementAndGet();
			}

		};
	}

	private WorkerRuntime runtime() {
		WorkerListener listener = new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				PeriodicWorkerTests.this.runs.add(new Run(worker, outcome, duration, failure));
			}

		};
		return new WorkerRuntime(WorkerScheduler.of(this.scheduler), dev.resilience.runtime.Watchdog.on(this.timeouts), listener,
				Clock.systemUTC());
	}

	private record Run(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
	}

}
