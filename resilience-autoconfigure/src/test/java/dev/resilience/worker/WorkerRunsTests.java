package dev.resilience.worker;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link WorkerRuns}, fed with runs directly or by a worker on a manual timer: what
 * a status view reads about a worker's runs.
 */
class WorkerRunsTests {

	private final TestClock clock = new TestClock();

	private final WorkerRuns runs = new WorkerRuns("payments");

	@Test
	void newRecordHasNoRunsAndNothingScheduled() {
		assertThat(this.runs.name()).isEqualTo("payments");
		assertThat(this.runs.runs()).isZero();
		assertThat(this.runs.consecutiveFailures()).isZero();
		assertThat(this.runs.lastRun(this.clock)).isNull();
		assertThat(this.runs.lastFailure()).isNull();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		assertThat(this.runs.running()).isFalse();
		assertThat(this.runs.paused()).isFalse();
	}

	@Test
	void countsRunsAndKeepsTheLastFailure() {
		this.runs.runEnded(RunOutcome.FAILURE, new IOException("one"), 0, -1, this.clock);
		this.clock.advance(Duration.ofSeconds(1));
		this.runs.runEnded(RunOutcome.TIMEOUT, new IllegalStateException("two"), 0, -1, this.clock);
		assertThat(this.runs.consecutiveFailures()).as("the streak is the state's, which only the worker's cycle moves")
			.isZero();
		assertThat(this.runs.runs()).isEqualTo(2);
		assertThat(this.runs.lastFailure()).isEqualTo(new WorkerRuns.Failure(IllegalStateException.class.getName(),
				"two", Instant.parse("2025-01-01T00:00:01Z"), RunOutcome.TIMEOUT));
		this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock);
		assertThat(this.runs.runs()).isEqualTo(3);
		assertThat(this.runs.lastFailure().message()).as("kept after a success").isEqualTo("two");
		assertThat(this.runs.runs()).isEqualTo(3);
	}

	@Test
	void untimedRunsGiveTheLastOutcomeWithoutTimes() {
		this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock);
		assertThat(this.runs.lastRun(this.clock)).isEqualTo(new WorkerRuns.LastRun(null, null, RunOutcome.SUCCESS));
		this.runs.runEnded(RunOutcome.FAILURE, new IOException("x"), 0, -1, this.clock);
		assertThat(this.runs.lastRun(this.clock).outcome()).isEqualTo(RunOutcome.FAILURE);
		this.runs.runEnded(RunOutcome.FAILURE, new IOException("x"), 0, -1, this.clock);
		this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock);
		assertThat(this.runs.lastRun(this.clock).outcome()).isEqualTo(RunOutcome.SUCCESS);
	}

	@Test
	void timedRunGivesItsStartByTheClockAndItsDuration() {
		long start = System.nanoTime() - Duration.ofMinutes(10).toNanos();
		this.runs.runEnded(RunOutcome.SUCCESS, null, start, Duration.ofMillis(250).toNanos(), this.clock);
		WorkerRuns.LastRun last = this.runs.lastRun(this.clock);
		assertThat(last.outcome()).isEqualTo(RunOutcome.SUCCESS);
		assertThat(last.duration()).isEqualTo(Duration.ofMillis(250));
		Instant tenMinutesAgo = this.clock.instant().minus(Duration.ofMinutes(10));
		assertThat(last.startedAt()).isBetween(tenMinutesAgo.minusSeconds(5), tenMinutesAgo);
		this.runs.runEnded(RunOutcome.SUCCESS, null, System.nanoTime(), 0, this.clock);
		assertThat(this.runs.lastRun(this.clock).duration()).as("a run of the same outcome is recorded")
			.isZero();
	}

	@Test
	void pausedAndParkedAreTheStatesFlagsKeptUntilCleared() {
		WorkerCycle cycle = new WorkerCycle(new WorkerSpec("w", Duration.ofSeconds(1), Duration.ZERO, null,
				Duration.ofSeconds(1), dev.resilience.supervisor.Restart.PERMANENT),
				new WorkerRuntime(new ManualWorkerScheduler(), dev.resilience.runtime.Watchdog.start("w-watchdog"),
						WorkerListener.NONE, this.clock),
				this.runs);
		cycle.pause();
		assertThat(this.runs.paused()).isTrue();
		cycle.park();
		assertThat(this.runs.parked()).isTrue();
		cycle.resume();
		cycle.unpark();
		assertThat(this.runs.paused()).isFalse();
		assertThat(this.runs.parked()).isFalse();
		assertThat(this.runs.running()).isFalse();
		assertThat(this.runs.runningFor()).isNull();
		assertThat(this.runs.nextRun(this.clock)).as("never started: no tick").isNull();
	}

	@Test
	void theLastRunIsTheLatestOneWhetherItWasTimedOrNot() {
		this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock);
		this.runs.runEnded(RunOutcome.SUCCESS, null, System.nanoTime(), 0, this.clock);
		assertThat(this.runs.lastRun(this.clock).duration()).as("timed after an untimed run").isZero();
		this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock);
		assertThat(this.runs.lastRun(this.clock)).as("untimed after a timed run")
			.isEqualTo(new WorkerRuns.LastRun(null, null, RunOutcome.SUCCESS));
	}

	@Test
	void aRunIsTimedOnTheTimersScaleAndTheNextRunIsDueByTheClock() throws Exception {
		ManualWorkerScheduler timer = new ManualWorkerScheduler();
		timer.advance(Duration.ofHours(1)); // a timer whose scale does not start at 0
		List<Duration> heard = new ArrayList<>();
		List<Duration> runningFor = new ArrayList<>();
		WorkerListener listener = new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				heard.add(duration);
			}

		};
		ManualScheduler timeouts = new ManualScheduler();
		WorkerSpec spec = new WorkerSpec("payments", Duration.ofMinutes(1), Duration.ofSeconds(10), null,
				Duration.ofSeconds(1), dev.resilience.supervisor.Restart.PERMANENT);
		WorkerRuntime runtime = new WorkerRuntime(timer, Watchdog.on(timeouts), listener, this.clock);
		WorkerJob job = () -> {
			timer.advance(Duration.ofSeconds(2));
			runningFor.add(this.runs.runningFor());
			assertThat(this.runs.nextRun(this.clock)).as("no next run while one is in flight").isNull();
			timer.advance(Duration.ofSeconds(1));
			return true;
		};
		try {
			PeriodicWorker.childSpec(spec, () -> job, runtime, this.runs).starter().start((exit) -> {
			});
			Instant now = this.clock.instant();
			assertThat(this.runs.nextRun(this.clock)).isEqualTo(now.plusSeconds(10));
			timer.advance(Duration.ofSeconds(4));
			assertThat(this.runs.nextRun(this.clock)).isEqualTo(now.plusSeconds(6));
			timer.advance(Duration.ofSeconds(6));
			timer.runNext();
			assertThat(runningFor).containsExactly(Duration.ofSeconds(2));
			assertThat(heard).containsExactly(Duration.ofSeconds(3));
			assertThat(this.runs.runningFor()).as("no run in flight").isNull();
			assertThat(this.runs.lastRun(this.clock))
				.isEqualTo(new WorkerRuns.LastRun(now.minusSeconds(3), Duration.ofSeconds(3), RunOutcome.SUCCESS));
			assertThat(this.runs.nextRun(this.clock)).isEqualTo(now.plus(Duration.ofMinutes(1)));
		}
		finally {
			timeouts.shutdownNow();
		}
	}

}
