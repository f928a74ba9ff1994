package dev.resilience.tree;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.resilience.alarm.Alarms;
import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.LogCapture;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.CrashLog;
import dev.resilience.worker.WorkerRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One failure streak per worker: the snapshot's failures in a row, the crash-loop alarm and the
 * crash log's "recovered after" line all read the worker state's streak, across restarts, on a
 * manual scheduler.
 */
class OneStreakTests {

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final Alarms alarms = Alarms.builder().build();

	private final LogCapture logs = LogCapture.of(CrashLog.class);

	private final Deque<Boolean> outcomes = new ArrayDeque<>();

	private SupervisionTree tree;

	@AfterEach
	void stop() {
		this.tree.stop();
		this.alarms.close();
		this.timer.shutdownNow();
		this.logs.close();
	}

	@Test
	void snapshotAlarmAndRecoveryLineReadTheSameStreak() {
		start();
		for (int crash = 1; crash <= 4; crash++) {
			run(false);
			assertThat(streak()).as("after crash %d, restarted each time", crash).isEqualTo(crash);
			assertThat(this.alarms.isSet("w_crashing")).as("alarm after crash %d", crash).isEqualTo(crash >= 3);
		}
		run(true);
		assertThat(streak()).isZero();
		assertThat(this.logs.lines()).extracting(LogCapture.Line::message)
			.anySatisfy((line) -> assertThat(line).startsWith("Worker 'w' recovered after 4 crashes in"));
		run(true);
		run(true);
		assertThat(this.alarms.isSet("w_crashing")).as("cleared after 3 good runs").isFalse();
		run(false);
		assertThat(streak()).isEqualTo(1);
		assertThat(this.alarms.isSet("w_crashing")).as("a new streak of one").isFalse();
	}

	private void run(boolean ok) {
		this.outcomes.add(ok);
		this.scheduler.runNext();
	}

	private int streak() {
		return this.tree.worker("w").orElseThrow().consecutiveFailures();
	}

	private void start() {
		this.tree = SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(WorkerRuntime.ON_TIMER)
			.watchdog(Watchdog.on(this.timer))
			.clock(new TestClock())
			.alarms(this.alarms)
			.worker(WorkerSettings.of("w", Duration.ofMillis(100)), () -> () -> {
				if (!this.outcomes.remove()) {
					throw new IllegalStateException("down");
				}
				return true;
			})
			.build();
		this.tree.start();
	}

}
