package dev.resilience.tree;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.alarm.Alarms;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.Backoff;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How restart backoff and a sub-supervisor's restart intensity combine, on a manual scheduler
 * and a test clock: the derived limit still comes from the interval, so backoff only slows
 * restarts and a worker whose backoff starts at its interval is restarted forever; an explicit
 * limit over a longer period makes it give up at the backoff's pace.
 */
class BackoffIntensityTests {

	private static final Duration INTERVAL = Duration.ofMillis(100);

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final TestClock clock = new TestClock();

	private final Alarms alarms = Alarms.builder().build();

	private final List<String> escalations = new CopyOnWriteArrayList<>();

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
	void withBackoffFromTheIntervalTheDerivedLimitIsNeverReachedAndTheWorkerIsRestartedForever() {
		start(WorkerSettings.of(spec(new Backoff(INTERVAL, Duration.ofSeconds(2), 2, 0, Duration.ofMinutes(1)))));
		assertThat(branchIntensity()).as("derived from the interval, as without backoff")
			.isEqualTo(new Intensity(51, Duration.ofSeconds(5)));
		Duration elapsed = Duration.ZERO;
		for (int crash = 0; crash < 300; crash++) {
			elapsed = elapsed.plus(runDue());
		}
		assertThat(this.escalations).isEmpty();
		assertThat(this.tree.worker("w").orElseThrow().consecutiveFailures()).isEqualTo(300);
		assertThat(elapsed).as("at most every max once grown").isGreaterThan(Duration.ofSeconds(2 * 290));
	}

	@Test
	void backoffShorterThanTheIntervalCountsAgainstTheLimitDerivedFromTheInterval() {
		start(WorkerSettings.of(spec(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), 2, 0,
				Duration.ofMinutes(1)))));
		for (int crash = 0; crash < 60 && this.escalations.isEmpty(); crash++) {
			runDue();
		}
		assertThat(this.escalations).as("52 restarts 20 ms apart within 5 s").contains("w");
	}

	@Test
	void anExplicitLimitOverALongerPeriodGivesUpAtTheBackoffsPace() {
		WorkerSettings settings = new WorkerSettings(
				spec(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2, 0, Duration.ofMinutes(2))),
				Duration.ofMinutes(10), 5, null, false, 3, dev.resilience.alarm.Severity.MINOR);
		start(settings);
		Duration elapsed = Duration.ZERO;
		for (int crash = 0; crash < 6; crash++) {
			assertThat(this.escalations).as("before crash %d", crash + 1).isEmpty();
			elapsed = elapsed.plus(runDue());
		}
		assertThat(this.escalations).as("the sixth crash within 10 minutes").contains("w");
		assertThat(elapsed).as("initial delay, then 1 + 2 + 4 + 8 + 16 s")
			.isEqualTo(INTERVAL.plus(Duration.ofSeconds(31)));
		assertThat(this.scheduler.pending()).as("the root restarted the branch; the backoff went on")
			.extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofSeconds(32));
	}

	@Test
	void anOperatorRestartIsNoCrashItWaitsOneIntervalAndKeepsTheCount() {
		start(WorkerSettings.of(spec(new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 2, 0, Duration.ofHours(2)))));
		runDue();
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofMinutes(1));
		this.tree.restartWorker("w");
		assertThat(this.scheduler.pending()).extracting(ManualWorkerScheduler.Tick::delay).containsExactly(INTERVAL);
		runDue();
		assertThat(this.scheduler.pending()).as("the second crash in a row")
			.extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofMinutes(2));
	}

	private static WorkerSpec spec(Backoff backoff) {
		return WorkerSpec.of("w", INTERVAL).withBackoff(backoff);
	}

	private void start(WorkerSettings settings) {
		WorkerJob crashing = () -> {
			throw new IllegalStateException("boom");
		};
		this.tree = SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
			.watchdog(Watchdog.on(this.timer))
			.clock(this.clock)
			.rootIntensity(new Intensity(100, Duration.ofSeconds(5)))
			.alarms(this.alarms)
			.supervisionListener(new SupervisionListener() {

				@Override
				public void escalated(String supervisor, Intensity intensity) {
					BackoffIntensityTests.this.escalations.add(supervisor);
				}

			})
			.worker(settings, () -> crashing)
			.build();
		this.tree.start();
	}

	private Intensity branchIntensity() {
		return this.tree.snapshot().supervisors().get(0).supervisor().intensity();
	}

	/** Moves the clock to the due tick and runs it. @return its delay */
	private Duration runDue() {
		ManualWorkerScheduler.Tick due = this.scheduler.pending().get(0);
		this.clock.advance(due.delay());
		due.run();
		return due.delay();
	}

}
