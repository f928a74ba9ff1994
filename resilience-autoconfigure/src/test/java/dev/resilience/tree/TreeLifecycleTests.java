package dev.resilience.tree;

import java.time.Duration;
import java.time.Instant;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a tree owns and gives back when it stops: its stale watches' checks and the watchdog it
 * started itself; and the edges of the values it takes.
 */
class TreeLifecycleTests {

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final TestClock clock = new TestClock(Instant.EPOCH);

	private final Alarms alarms = Alarms.builder().build();

	@AfterEach
	void close() {
		this.alarms.close();
	}

	@Test
	void stopCancelsTheStaleChecksSoAStoppedTreeRaisesNoStaleAlarm() {
		SupervisionTree tree = SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
			.clock(this.clock)
			.alarms(this.alarms)
			.worker(WorkerSettings.of("payments", Duration.ofMinutes(1)).withStaleAfter(Duration.ofMinutes(5),
					Severity.MINOR), () -> () -> true)
			.build();
		tree.start();
		ManualWorkerScheduler.Tick staleCheck = this.scheduler.pending()
			.stream()
			.filter((tick) -> tick.delay().equals(Duration.ofMinutes(5)))
			.findFirst()
			.orElseThrow();
		tree.stop();
		assertThat(staleCheck.isCancelled()).isTrue();
	}

	@Test
	void aTreeClosesTheTimerItStartedWhenItStops() {
		long before = watchdogThreads();
		SupervisionTree tree = SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
			.worker(WorkerSettings.of(WorkerSpec.of("payments", Duration.ofMinutes(1)).withTimeout(Duration.ofMinutes(1))),
					() -> () -> true)
			.build();
		tree.start();
		this.scheduler.runNext(); // a run with a timeout: timed on the tree's timer, whose thread starts
		assertThat(watchdogThreads()).isEqualTo(before + 1);
		tree.stop();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> watchdogThreads() == before);
	}

	@Test
	void theAgeCountsFromAStartAtTheEpochAndARestartKeepsIt() {
		StaleWatch watch = new StaleWatch("payments", this.clock, null, Severity.MINOR, this.alarms, this.scheduler,
				null);
		watch.start();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(watch.age()).isEqualTo(Duration.ofSeconds(5));
		watch.stop();
		watch.start();
		assertThat(watch.age()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void staleAfterMayEqualTheInterval() {
		WorkerSettings settings = WorkerSettings.of("payments", Duration.ofSeconds(10))
			.withStaleAfter(Duration.ofSeconds(10), Severity.MINOR);
		assertThat(settings.staleAfter()).isEqualTo(Duration.ofSeconds(10));
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withStaleAfter(Duration.ofSeconds(9),
				Severity.MINOR))
			.withMessage("staleAfter of worker 'payments' must be at least its interval (PT10S), was PT9S");
	}

	@Test
	void theCrashSummaryIntervalMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisionTree.builder().crashSummaryInterval(Duration.ZERO))
			.withMessage("the crash summary interval must be positive, not PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisionTree.builder().crashSummaryInterval(Duration.ofSeconds(-1)));
		SupervisionTree.builder().crashSummaryInterval(Duration.ofMillis(1));
	}

	private static long watchdogThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith(dev.resilience.runtime.Timer.THREAD_NAME))
			.count();
	}

}
