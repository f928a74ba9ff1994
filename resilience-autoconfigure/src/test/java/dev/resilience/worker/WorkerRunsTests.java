package dev.resilience.worker;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link WorkerRuns}, fed with runs directly: what a status view reads about a
 * worker's runs.
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
	void countsRunsAndFailuresInARowUntilASuccess() {
		assertThat(this.runs.runEnded(RunOutcome.FAILURE, new IOException("one"), 0, -1, this.clock)).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.runs.runEnded(RunOutcome.TIMEOUT, new IllegalStateException("two"), 0, -1, this.clock))
			.isEqualTo(2);
		assertThat(this.runs.consecutiveFailures()).isEqualTo(2);
		assertThat(this.runs.lastFailure()).isEqualTo(new WorkerRuns.Failure(IllegalStateException.class.getName(),
				"two", Instant.parse("2025-01-01T00:00:01Z"), RunOutcome.TIMEOUT));
		assertThat(this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock)).isZero();
		assertThat(this.runs.consecutiveFailures()).isZero();
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
	void runInProgressIsRunningAndHasNoNextRun() {
		ManualWorkerScheduler scheduler = new ManualWorkerScheduler();
		this.runs.scheduled(scheduler.schedule(() -> {
		}, Duration.ofSeconds(30)));
		assertThat(this.runs.nextRun(this.clock)).isEqualTo(this.clock.instant().plusSeconds(30));
		this.runs.runStarted();
		assertThat(this.runs.running()).isTrue();
		assertThat(this.runs.nextRun(this.clock)).isNull();
		this.runs.runEnded(RunOutcome.SUCCESS, null, 0, -1, this.clock);
		assertThat(this.runs.running()).isFalse();
		this.runs.runStarted();
		this.runs.unscheduled();
		assertThat(this.runs.running()).as("unscheduled ends a run too").isFalse();
		assertThat(this.runs.nextRun(this.clock)).isNull();
	}

	@Test
	void cancelledNextRunIsNoNextRun() {
		ManualWorkerScheduler scheduler = new ManualWorkerScheduler();
		java.util.concurrent.ScheduledFuture<?> next = scheduler.schedule(() -> {
		}, Duration.ofSeconds(30));
		this.runs.scheduled(next);
		next.cancel(false);
		assertThat(this.runs.nextRun(this.clock)).isNull();
	}

	@Test
	void pausedIsKeptUntilCleared() {
		this.runs.paused(true);
		assertThat(this.runs.paused()).isTrue();
		this.runs.paused(false);
		assertThat(this.runs.paused()).isFalse();
	}

}
