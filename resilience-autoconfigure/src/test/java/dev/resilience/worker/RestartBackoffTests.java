package dev.resilience.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.DoubleStream;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.Restart;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of a worker's restart backoff on a manual scheduler, a test clock and a seeded random,
 * its restarts made by hand from its child spec (as its supervisor would): the delay between a
 * crash and the restarted worker's first run, its cap and jitter, and when the count resets.
 */
class RestartBackoffTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final Duration INTERVAL = Duration.ofMillis(100);

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final TestClock clock = new TestClock();

	private final List<Exit> exits = new CopyOnWriteArrayList<>();

	private RandomGenerator random = new SplittableRandom(42);

	private ChildSpec child;

	private PeriodicWorker worker;

	@AfterEach
	void shutdown() {
		this.timer.shutdownNow();
	}

	@Test
	void eachCrashInARowMultipliesTheDelayUpToTheCap() throws Exception {
		start(new Backoff(SECOND, Duration.ofSeconds(10), 2, 0, Duration.ofHours(1)), crashing());
		List<Duration> gaps = new ArrayList<>();
		for (int crash = 1; crash <= 6; crash++) {
			gaps.add(runDueThenRestart());
		}
		assertThat(gaps).containsExactly(SECOND, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
				Duration.ofSeconds(10), Duration.ofSeconds(10));
		assertThat(this.exits).hasSize(6).allMatch((exit) -> exit.kind() == Exit.Kind.ABNORMAL);
	}

	@Test
	void aMultiplierOfOneKeepsTheInitialDelay() throws Exception {
		start(new Backoff(SECOND, Duration.ofSeconds(10), 1, 0, Duration.ofHours(1)), crashing());
		assertThat(List.of(runDueThenRestart(), runDueThenRestart(), runDueThenRestart())).containsOnly(SECOND);
	}

	@Test
	void jitterSpreadsEachDelayWithinItsBoundsByTheSeededRandom() throws Exception {
		Duration ten = Duration.ofSeconds(10);
		Backoff backoff = new Backoff(ten, ten, 2, 0.5, Duration.ofHours(1));
		start(backoff, crashing());
		List<Duration> gaps = new ArrayList<>();
		for (int crash = 1; crash <= 200; crash++) {
			gaps.add(runDueThenRestart());
		}
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15)));
		assertThat(gaps).as("both sides of the capped delay are used")
			.anySatisfy((gap) -> assertThat(gap).isLessThan(Duration.ofSeconds(6)))
			.anySatisfy((gap) -> assertThat(gap).isGreaterThan(Duration.ofSeconds(14)));
		SplittableRandom same = new SplittableRandom(42);
		List<Duration> expected = new ArrayList<>();
		for (int crash = 1; crash <= 200; crash++) {
			expected.add(backoff.delay(crash, same.nextDouble()));
		}
		assertThat(gaps).as("the runtime's random decides, so a seeded one repeats").isEqualTo(expected);
	}

	@Test
	void theCountResetsOnceAnIncarnationHasRunForResetAfterFromItsFirstRun() throws Exception {
		AtomicInteger run = new AtomicInteger();
		// runs 1-3 crash, 4-6 succeed, 7 crashes; then 8-10 succeed, 11 crashes
		start(new Backoff(SECOND, Duration.ofSeconds(8), 2, 0, Duration.ofMinutes(1)), () -> () -> {
			int n = run.incrementAndGet();
			if (n <= 3 || n == 7 || n == 11) {
				throw new IllegalStateException("run " + n);
			}
			return true;
		});
		runDueThenRestart();
		runDueThenRestart();
		assertThat(runDueThenRestart()).isEqualTo(Duration.ofSeconds(4));
		// restarted 4 s after the crash: the uptime starts at the first run, not at the restart
		this.scheduler.runNext(); // run 4, the first of this incarnation, at 0 s of uptime
		this.clock.advance(Duration.ofSeconds(30));
		this.scheduler.runNext(); // run 5 at 30 s
		this.clock.advance(Duration.ofSeconds(29));
		this.scheduler.runNext(); // run 6 at 59 s
		assertThat(runDueThenRestart()).as("crash at 59 s of uptime: no reset").isEqualTo(Duration.ofSeconds(8));
		this.scheduler.runNext(); // run 8, first of its incarnation
		this.clock.advance(Duration.ofSeconds(30));
		this.scheduler.runNext();
		this.clock.advance(Duration.ofSeconds(30));
		this.scheduler.runNext(); // run 10 at 60 s: the count resets
		assertThat(runDueThenRestart()).as("crash after 60 s of uptime: the first in a row").isEqualTo(SECOND);
	}

	@Test
	void aWorkerThatCrashesOnEveryRunNeverResetsWhateverTheGapsOrRunLengths() throws Exception {
		start(new Backoff(SECOND, Duration.ofSeconds(4), 2, 0, Duration.ofMinutes(1)), () -> () -> {
			this.clock.advance(Duration.ofMinutes(5)); // each run takes five minutes, then crashes
			throw new IllegalStateException("boom");
		});
		List<Duration> gaps = new ArrayList<>();
		for (int crash = 1; crash <= 5; crash++) {
			this.clock.advance(Duration.ofHours(1)); // and an hour passes between crashes
			gaps.add(runDueThenRestart());
		}
		assertThat(gaps).containsExactly(SECOND, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4),
				Duration.ofSeconds(4));
	}

	@Test
	void goodRunsOfAnEarlierIncarnationDoNotLetALongFirstRunReset() throws Exception {
		AtomicInteger run = new AtomicInteger();
		start(new Backoff(SECOND, Duration.ofSeconds(8), 2, 0, Duration.ofMinutes(1)), () -> () -> {
			int n = run.incrementAndGet();
			if (n == 2) {
				return true;
			}
			if (n == 4) {
				this.clock.advance(Duration.ofMinutes(5)); // the first run of its incarnation
			}
			throw new IllegalStateException("run " + n);
		});
		assertThat(runDueThenRestart()).isEqualTo(SECOND);
		this.scheduler.runNext(); // run 2 succeeds
		assertThat(runDueThenRestart()).as("run 3: the second crash in a row").isEqualTo(Duration.ofSeconds(2));
		assertThat(runDueThenRestart()).as("run 4 crashed in its incarnation's first run: no reset")
			.isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void aNormalExitIsNoCrashItsRestartWaitsTheIntervalAndKeepsTheCount() throws Exception {
		AtomicInteger run = new AtomicInteger();
		start(new Backoff(SECOND, Duration.ofSeconds(8), 2, 0, Duration.ofMinutes(1)), () -> () -> {
			if (run.incrementAndGet() == 2) {
				return false; // done: a normal exit
			}
			throw new IllegalStateException("boom");
		});
		assertThat(runDueThenRestart()).isEqualTo(SECOND);
		assertThat(runDueThenRestart()).as("after a normal exit").isEqualTo(INTERVAL);
		assertThat(this.exits.get(1)).isEqualTo(Exit.normal());
		assertThat(runDueThenRestart()).as("the second crash in a row").isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aNormalExitAfterResetAfterOfUptimeResetsTheCount() throws Exception {
		AtomicInteger run = new AtomicInteger();
		start(new Backoff(SECOND, Duration.ofSeconds(8), 2, 0, Duration.ofMinutes(1)), () -> () -> {
			int n = run.incrementAndGet();
			if (n == 3) {
				return false;
			}
			if (n == 2) {
				this.clock.advance(Duration.ofMinutes(1));
				return true;
			}
			throw new IllegalStateException("boom");
		});
		assertThat(runDueThenRestart()).isEqualTo(SECOND);
		this.scheduler.runNext(); // run 2: up for a minute, still within the first run
		assertThat(runDueThenRestart()).as("run 3 exits normally").isEqualTo(INTERVAL);
		assertThat(runDueThenRestart()).as("the count was reset").isEqualTo(SECOND);
	}

	@Test
	void theBackoffReplacesTheNextFireOfACronWorkerAndTheRateOfAFixedRateOne() throws Exception {
		Backoff backoff = new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(3), 2, 0, Duration.ofMinutes(1));
		Schedule.Cron hourly = new Schedule.Cron("@hourly", "UTC",
				(after) -> after.plus(Duration.ofHours(1)), Duration.ofHours(1));
		for (Schedule schedule : List.of(hourly, Schedule.fixedRate(Duration.ofHours(1)))) {
			Duration initialDelay = (schedule instanceof Schedule.Cron) ? null : Duration.ZERO;
			this.child = PeriodicWorker.childSpec(
					new WorkerSpec("w", schedule, initialDelay, null, SECOND, Restart.PERMANENT, backoff), crashing(),
					runtime(), new WorkerRuns("w"));
			restart();
			assertThat(runDueThenRestart()).as(schedule.toString()).isEqualTo(Duration.ofSeconds(3));
			this.scheduler.pending().forEach((tick) -> tick.cancel(false));
		}
	}

	@Test
	void withoutBackoffACrashedWorkerWaitsOneInterval() throws Exception {
		start(null, crashing());
		assertThat(List.of(runDueThenRestart(), runDueThenRestart())).containsOnly(INTERVAL);
	}

	@Test
	void aCrashWhileStoppingCountsForNothing() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger run = new AtomicInteger();
		start(new Backoff(SECOND, Duration.ofSeconds(8), 2, 0, Duration.ofMinutes(1)), () -> () -> {
			if (run.incrementAndGet() == 2) {
				started.countDown();
				release.await();
			}
			throw new IllegalStateException("boom");
		});
		assertThat(runDueThenRestart()).isEqualTo(SECOND);
		PeriodicWorker worker = this.worker;
		Thread runner = new Thread(() -> this.scheduler.pending().get(0).run(), "runner");
		runner.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Thread stopper = new Thread(() -> worker.stop(Duration.ofSeconds(30)), "stopper");
		stopper.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
		release.countDown();
		stopper.join(10_000);
		runner.join(10_000);
		assertThat(this.exits).hasSize(1);
		assertThat(restart()).as("started again after the stop: no crash pending").isEqualTo(INTERVAL);
		assertThat(runDueThenRestart()).as("the second crash in a row").isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void theRuntimeKeepsItsRandomAndDefaultsToThreadLocalRandom() {
		WorkerRuntime runtime = runtime();
		assertThat(runtime.withListener(WorkerListener.NONE).withObserver(RunObserver.NONE).random())
			.isSameAs(this.random);
		WorkerRuntime byDefault = new WorkerRuntime(this.scheduler, Watchdog.on(this.timer), WorkerListener.NONE,
				this.clock);
		assertThat(byDefault.random()).isSameAs(WorkerRuntime.THREAD_LOCAL_RANDOM);
		List<Double> draws = DoubleStream.generate(byDefault.random()::nextDouble).limit(100).boxed().toList();
		assertThat(draws).allSatisfy((draw) -> assertThat(draw).isGreaterThanOrEqualTo(0).isLessThan(1))
			.doesNotHaveDuplicates();
		assertThatNullPointerException().isThrownBy(() -> runtime.withRandom(null)).withMessage("random");
	}

	private void start(Backoff backoff, Supplier<WorkerJob> jobs) throws Exception {
		WorkerSpec spec = new WorkerSpec("w", INTERVAL, Duration.ZERO, null, SECOND, Restart.PERMANENT)
			.withBackoff(backoff);
		this.child = PeriodicWorker.childSpec(spec, jobs, runtime(), new WorkerRuns("w"));
		restart();
	}

	private WorkerRuntime runtime() {
		return new WorkerRuntime(this.scheduler, Watchdog.on(this.timer), WorkerListener.NONE, this.clock)
			.withRandom(this.random);
	}

	/**
	 * Moves the clock to the pending tick, runs it (it must end the incarnation), restarts the
	 * worker as its supervisor would.
	 * @return the delay of the restarted worker's first tick
	 */
	private Duration runDueThenRestart() throws Exception {
		int before = this.exits.size();
		ManualWorkerScheduler.Tick due = this.scheduler.pending().get(0);
		this.clock.advance(due.delay());
		due.run();
		assertThat(this.exits).as("the run ended the incarnation").hasSize(before + 1);
		return restart();
	}

	private Duration restart() throws Exception {
		this.worker = (PeriodicWorker) this.child.starter().start(this.exits::add);
		assertThat(this.scheduler.pending()).hasSize(1);
		return this.scheduler.pending().get(0).delay();
	}

	private static Supplier<WorkerJob> crashing() {
		return () -> () -> {
			throw new IllegalStateException("boom");
		};
	}

}
