package dev.resilience.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.Restart;
import dev.resilience.testsupport.LogCapture;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of one {@link PeriodicWorker} incarnation on a manual scheduler and a test clock, started
 * straight from its child spec (no supervisor): when its ticks come on each schedule, and what
 * trigger, pause, resume and stop do to them.
 */
class PeriodicWorkerScheduleTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final TestClock clock = new TestClock();

	private final List<Exit> exits = new CopyOnWriteArrayList<>();

	private final List<RunOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final WorkerRuns runs = new WorkerRuns("w");

	private WorkerCycle cycle;

	private boolean parkedAtStart;

	private boolean pausedAtStart;

	@AfterEach
	void shutdown() {
		this.timer.shutdownNow();
	}

	@Test
	void fixedDelayWaitsTheInitialDelayThenOneDelayAfterEachRun() throws Exception {
		AtomicInteger count = new AtomicInteger();
		WorkerSpec spec = new WorkerSpec("w", HOUR, Duration.ofSeconds(5), null, Duration.ofSeconds(1),
				Restart.PERMANENT);
		start(spec, () -> () -> count.incrementAndGet() > 0);
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofSeconds(5));
		assertThat(this.runs.nextRun(this.clock)).isEqualTo(this.clock.instant().plusSeconds(5));
		this.scheduler.runNext();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(HOUR);
		this.scheduler.runNext();
		assertThat(count).hasValue(2);
		assertThat(this.runs.runs()).isEqualTo(2);
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS, RunOutcome.SUCCESS);
		assertThat(this.runs.nextRun(this.clock)).isEqualTo(this.clock.instant().plus(HOUR));
	}

	@Test
	void runInProgressShowsAsRunningWithNoNextRun() throws Exception {
		List<Object> seenDuringTheRun = new CopyOnWriteArrayList<>();
		start(fixedDelay(HOUR), () -> () -> {
			seenDuringTheRun.add(this.runs.running());
			seenDuringTheRun.add(String.valueOf(this.runs.nextRun(this.clock)));
			return true;
		});
		assertThat(this.runs.running()).isFalse();
		this.scheduler.runNext();
		assertThat(seenDuringTheRun).containsExactly(true, "null");
		assertThat(this.runs.running()).isFalse();
		assertThat(this.runs.nextRun(this.clock)).isNotNull();
	}

	@Test
	void fixedRateRunShorterThanTheRateWaitsTheRestOfIt() throws Exception {
		Duration rate = Duration.ofMinutes(10);
		start(spec(Schedule.fixedRate(rate)), () -> () -> {
			this.scheduler.advance(Duration.ofMinutes(1)); // a run of one minute
			return true;
		});
		assertThat(this.scheduler.runNext().delay()).isZero();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(rate.minusMinutes(1));
	}

	@Test
	void fixedRateRunLongerThanTheRateIsFollowedAtOnceWithTheMissedTicksSkipped() throws Exception {
		Duration rate = Duration.ofMillis(20);
		AtomicInteger count = new AtomicInteger();
		start(spec(Schedule.fixedRate(rate)), () -> () -> {
			if (count.incrementAndGet() == 1) {
				this.scheduler.advance(rate.multipliedBy(5).plusMillis(3)); // a run as long as five ticks
			}
			return true;
		});
		this.scheduler.runNext();
		assertThat(count).as("the next run followed at once, on the same run thread").hasValue(2);
		assertThat(this.scheduler.pending()).as("the missed ticks skipped: one rate after the late run")
			.extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(rate);
	}

	@Test
	void cronRunsAtEachFireTimeByTheClock() throws Exception {
		this.clock.advance(Duration.ofSeconds(30));
		start(spec(everyMinute(null)), () -> () -> true);
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofSeconds(30));
		this.clock.advance(Duration.ofSeconds(30));
		this.scheduler.runNext();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofMinutes(1));
		assertThat(this.runs.nextRun(this.clock)).isEqualTo(Instant.parse("2025-01-01T00:02:00Z"));
	}

	@Test
	void cronThatNeverFiresAgainLeavesTheWorkerUnscheduledButAlive() throws Exception {
		PeriodicWorker worker = start(spec(everyMinute(Instant.parse("2025-01-01T00:01:00Z"))), () -> () -> true);
		this.clock.advance(Duration.ofMinutes(1));
		this.scheduler.runNext();
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		assertThat(this.exits).isEmpty();
		assertThat(worker.trigger()).isEqualTo(Trigger.STARTED);
		assertThat(this.scheduler.runNext().delay()).isZero();
		assertThat(this.runs.runs()).isEqualTo(2);
	}

	@Test
	void restartWaitsOneIntervalOrUntilTheNextFire() throws Exception {
		ChildSpec fixedDelay = childSpec(fixedDelay(Duration.ofMinutes(3)), () -> () -> true, new WorkerRuns("w"));
		ChildSpec fixedRate = childSpec(spec(Schedule.fixedRate(Duration.ofMinutes(4))), () -> () -> true, new WorkerRuns("w"));
		this.clock.advance(Duration.ofSeconds(10));
		ChildSpec cron = childSpec(spec(everyMinute(null)), () -> () -> true, new WorkerRuns("w"));
		for (ChildSpec child : List.of(fixedDelay, fixedRate, cron)) {
			child.starter().start(this.exits::add).stop(Duration.ofSeconds(1)); // the first start, with the initial delay
			child.starter().start(this.exits::add); // a restart
		}
		assertThat(this.scheduler.all()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ZERO, Duration.ofMinutes(3), Duration.ZERO, Duration.ofMinutes(4),
					Duration.ofSeconds(50), Duration.ofSeconds(50));
	}

	@Test
	void triggerRunsNowAndLaterRunsFollowTheScheduleFromThere() throws Exception {
		AtomicInteger count = new AtomicInteger();
		WorkerSpec spec = new WorkerSpec("w", HOUR, HOUR, null, Duration.ofSeconds(1), Restart.PERMANENT);
		PeriodicWorker worker = start(spec, () -> () -> count.incrementAndGet() > 0);
		ManualWorkerScheduler.Tick due = this.scheduler.pending().get(0);
		assertThat(worker.trigger()).isEqualTo(Trigger.STARTED);
		assertThat(due.isCancelled()).isTrue();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ZERO);
		this.scheduler.runNext();
		assertThat(count).hasValue(1);
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(HOUR);
	}

	@Test
	void triggerDuringARunIsRunInProgressAndStartsNoSecondRun() throws Exception {
		AtomicReference<PeriodicWorker> self = new AtomicReference<>();
		List<Trigger> triggers = new CopyOnWriteArrayList<>();
		self.set(start(fixedDelay(HOUR), () -> () -> {
			triggers.add(self.get().trigger());
			return true;
		}));
		this.scheduler.runNext();
		assertThat(triggers).containsExactly(Trigger.RUN_IN_PROGRESS);
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(HOUR);
	}

	@Test
	void pausedWorkerRunsNothingUntilResumed() throws Exception {
		AtomicInteger count = new AtomicInteger();
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> count.incrementAndGet() > 0);
		assertThat(worker.pause()).isTrue();
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		assertThat(worker.trigger()).isEqualTo(Trigger.PAUSED);
		assertThat(worker.pause()).as("already paused").isFalse();
		assertThat(worker.resume()).isTrue();
		assertThat(worker.resume()).as("not paused").isFalse();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(HOUR);
		this.scheduler.runNext();
		assertThat(count).hasValue(1);
		assertThat(this.exits).isEmpty();
	}

	@Test
	void pauseDuringARunLetsItFinishAndSchedulesNoNextRun() throws Exception {
		AtomicReference<PeriodicWorker> self = new AtomicReference<>();
		List<Boolean> paused = new CopyOnWriteArrayList<>();
		self.set(start(fixedDelay(HOUR), () -> () -> {
			paused.add(self.get().pause());
			return true;
		}));
		this.scheduler.runNext();
		assertThat(paused).containsExactly(true);
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS);
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		assertThat(this.exits).isEmpty();
		assertThat(self.get().trigger()).isEqualTo(Trigger.PAUSED);
		assertThat(self.get().resume()).isTrue();
		assertThat(this.scheduler.pending()).hasSize(1);
	}

	@Test
	void pauseAndResumeWithinARunLeaveItRunningOnSchedule() throws Exception {
		AtomicReference<PeriodicWorker> self = new AtomicReference<>();
		List<Boolean> resumed = new CopyOnWriteArrayList<>();
		self.set(start(fixedDelay(HOUR), () -> () -> {
			self.get().pause();
			resumed.add(self.get().resume());
			return true;
		}));
		this.scheduler.runNext();
		assertThat(resumed).containsExactly(true);
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(HOUR);
	}

	@Test
	void workerStartedWhilePausedStaysPausedUntilResumed() throws Exception {
		paused(true);
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> true);
		assertThat(this.scheduler.all()).isEmpty();
		assertThat(worker.trigger()).isEqualTo(Trigger.PAUSED);
		assertThat(worker.resume()).isTrue();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(HOUR);
	}

	@Test
	void ticksWhileParkedStartNoRunAndTheFirstTickAfterUnparkedRuns() throws Exception {
		AtomicInteger count = new AtomicInteger();
		parked(true);
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> count.incrementAndGet() > 0);
		assertThat(worker.trigger()).isEqualTo(Trigger.PARKED);
		this.scheduler.runNext();
		this.scheduler.runNext();
		assertThat(count).hasValue(0);
		assertThat(this.outcomes).isEmpty();
		assertThat(this.exits).isEmpty();
		assertThat(this.scheduler.pending()).as("it keeps ticking").extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(HOUR);
		assertThat(worker.trigger()).isEqualTo(Trigger.PARKED);
		parked(false);
		this.scheduler.runNext();
		assertThat(count).hasValue(1);
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS);
		assertThat(this.scheduler.pending()).hasSize(1);
	}

	@Test
	void oneShotScheduleTicksOnWhileParked() throws Exception {
		AtomicInteger count = new AtomicInteger();
		parked(true);
		start(spec(Schedule.fixedRate(HOUR)), () -> () -> count.incrementAndGet() > 0);
		this.scheduler.runNext();
		assertThat(this.scheduler.pending()).singleElement()
			.satisfies((tick) -> assertThat(tick.delay()).isBetween(HOUR.minusMinutes(1), HOUR));
		this.scheduler.runNext();
		assertThat(this.scheduler.pending()).as("a parked tick after a parked tick ticks on").hasSize(1);
		parked(false);
		this.scheduler.runNext();
		assertThat(count).hasValue(1);
	}

	@Test
	void triggerOfAnUnparkedWorkerRunsItNow() throws Exception {
		AtomicInteger count = new AtomicInteger();
		parked(true);
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> count.incrementAndGet() > 0);
		this.scheduler.runNext(); // parks the incarnation
		parked(false);
		assertThat(worker.trigger()).isEqualTo(Trigger.STARTED);
		this.scheduler.pending().get(this.scheduler.pending().size() - 1).run();
		assertThat(count).hasValue(1);
	}

	@Test
	void runInProgressWhenTheWorkerIsParkedEndsNormallyAndTheNextTickRunsNothing() throws Exception {
		AtomicInteger count = new AtomicInteger();
		start(fixedDelay(HOUR), () -> () -> {
			parked(true);
			return count.incrementAndGet() > 0;
		});
		this.scheduler.runNext();
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS);
		assertThat(this.exits).isEmpty();
		this.scheduler.runNext();
		assertThat(count).hasValue(1);
		assertThat(this.scheduler.pending()).hasSize(1);
	}

	@Test
	void parkedWorkerCanBePausedResumedAndStopped() throws Exception {
		AtomicInteger count = new AtomicInteger();
		parked(true);
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> count.incrementAndGet() > 0);
		this.scheduler.runNext();
		assertThat(worker.pause()).isTrue();
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(worker.trigger()).isEqualTo(Trigger.PAUSED);
		assertThat(worker.resume()).isTrue();
		this.scheduler.runNext();
		assertThat(count).as("still parked after resume").hasValue(0);
		worker.stop(Duration.ofSeconds(1));
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		assertThat(worker.trigger()).isEqualTo(Trigger.NOT_RUNNING);
	}

	@Test
	void stoppedWorkerCancelsItsTickAndRunsNoMore() throws Exception {
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> true);
		worker.stop(Duration.ofSeconds(1));
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		assertThat(worker.trigger()).isEqualTo(Trigger.NOT_RUNNING);
		assertThat(worker.pause()).isFalse();
		assertThat(worker.resume()).isFalse();
	}

	@Test
	void stopDuringARunWaitsForItAndReportsNoExit() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		PeriodicWorker worker = start(fixedDelay(HOUR), () -> () -> {
			started.countDown();
			release.await();
			return false; // would be a normal exit, were the worker not stopping
		});
		Thread runner = new Thread(this.scheduler::runNext, "runner");
		runner.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Thread stopper = new Thread(() -> worker.stop(Duration.ofSeconds(30)), "stopper");
		stopper.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
		assertThat(stopper.isAlive()).isTrue();
		release.countDown();
		stopper.join(10_000);
		runner.join(10_000);
		assertThat(stopper.isAlive()).isFalse();
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS);
		assertThat(this.exits).isEmpty();
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(worker.trigger()).isEqualTo(Trigger.NOT_RUNNING);
	}

	@Test
	void runThatThrowsIsAnAbnormalExitWithNoNextTick() throws Exception {
		IllegalStateException crash = new IllegalStateException("boom");
		start(fixedDelay(HOUR), () -> () -> {
			throw crash;
		});
		this.scheduler.runNext();
		assertThat(this.exits).containsExactly(Exit.abnormal(crash));
		assertThat(this.outcomes).containsExactly(RunOutcome.FAILURE);
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.consecutiveFailures()).isEqualTo(1);
		assertThat(this.runs.lastFailure()).isEqualTo(new WorkerRuns.Failure(IllegalStateException.class.getName(),
				"boom", this.clock.instant(), RunOutcome.FAILURE));
	}

	@Test
	void aCrashLikeTheLastOneLoggedIsARepeatedExitAcrossRestarts() throws Exception {
		ChildSpec child = childSpec(fixedDelay(HOUR), () -> () -> {
			throw new IllegalStateException("boom");
		});
		try (LogCapture logs = LogCapture.of(CrashLog.class)) {
			for (int i = 0; i < 3; i++) {
				child.starter().start(this.exits::add);
				this.scheduler.runNext();
			}
			assertThat(logs.lines()).singleElement().extracting(LogCapture.Line::stackTrace).isEqualTo(true);
		}
		assertThat(this.exits).extracting(Exit::repeated).containsExactly(false, true, true);
		assertThat(this.exits).extracting(Exit::kind).containsOnly(Exit.Kind.ABNORMAL);
	}

	@Test
	void aCrashLogGivenToTheChildSpecLogsItsCrashesAndRecovery() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		WorkerRuntime runtime = new WorkerRuntime(this.scheduler, Watchdog.on(this.timer), WorkerListener.NONE,
				this.clock);
		ChildSpec child = PeriodicWorker.childSpec(fixedDelay(HOUR), () -> () -> {
			if (runs.incrementAndGet() <= 2) {
				throw new IllegalStateException("boom");
			}
			return true;
		}, runtime, this.runs, new CrashLog("w", 2, Duration.ofMinutes(1), this.clock));
		try (LogCapture logs = LogCapture.of(CrashLog.class)) {
			child.starter().start(this.exits::add);
			this.scheduler.runNext();
			child.starter().start(this.exits::add);
			this.scheduler.runNext();
			child.starter().start(this.exits::add);
			this.clock.advance(Duration.ofSeconds(2));
			this.scheduler.runNext();
			assertThat(logs.lines()).extracting(LogCapture.Line::message)
				.containsExactly("Worker 'w' crashed", "Worker 'w' recovered after 2 crashes in 2s "
						+ "(1 more since the last line, same as before: IllegalStateException: boom)");
		}
	}

	@Test
	void runReturningFalseIsANormalExitWithNoNextTick() throws Exception {
		start(spec(Schedule.fixedRate(HOUR)), () -> () -> false);
		this.scheduler.runNext();
		assertThat(this.exits).containsExactly(Exit.normal());
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs.nextRun(this.clock)).isNull();
	}

	private PeriodicWorker start(WorkerSpec spec, Supplier<WorkerJob> jobs) throws Exception {
		return (PeriodicWorker) childSpec(spec, jobs).starter().start(this.exits::add);
	}

	private ChildSpec childSpec(WorkerSpec spec, Supplier<WorkerJob> jobs) {
		return childSpec(spec, jobs, this.runs);
	}

	private ChildSpec childSpec(WorkerSpec spec, Supplier<WorkerJob> jobs, WorkerRuns runs) {
		WorkerListener listener = new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				PeriodicWorkerScheduleTests.this.outcomes.add(outcome);
			}

		};
		WorkerRuntime runtime = new WorkerRuntime(this.scheduler, Watchdog.on(this.timer), listener, this.clock);
		this.cycle = new WorkerCycle(spec, runtime, runs);
		parked(this.parkedAtStart);
		paused(this.pausedAtStart);
		return PeriodicWorker.childSpec(this.cycle, spec, jobs, runtime, CrashLog.withDefaults("w", this.clock));
	}

	/** Parks or unparks the worker, as its checks would; before the start, from its start on. */
	private void parked(boolean parked) {
		if (this.cycle == null) {
			this.parkedAtStart = parked;
		}
		else if (parked) {
			this.cycle.park();
		}
		else {
			this.cycle.unpark();
		}
	}

	/** Pauses the worker as an operator would; before the start, from its start on. */
	private void paused(boolean paused) {
		if (this.cycle == null) {
			this.pausedAtStart = paused;
		}
		else if (paused) {
			this.cycle.pause();
		}
	}

	private static WorkerSpec fixedDelay(Duration interval) {
		return new WorkerSpec("w", interval, Duration.ZERO, null, Duration.ofSeconds(1), Restart.PERMANENT);
	}

	private static WorkerSpec spec(Schedule schedule) {
		Duration initialDelay = (schedule instanceof Schedule.Cron) ? null : Duration.ZERO;
		return new WorkerSpec("w", schedule, initialDelay, null, Duration.ofSeconds(1), Restart.PERMANENT);
	}

	/** Fires on every minute, the last time at {@code last} (none if {@code null}). */
	private static Schedule everyMinute(Instant last) {
		return new Schedule.Cron("0 * * * * *", "UTC", (after) -> {
			Instant next = after.plusSeconds(60 - after.getEpochSecond() % 60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			return (last == null || !next.isAfter(last)) ? next : null;
		}, Duration.ofMinutes(1));
	}

}
