package dev.resilience.tree;

import java.time.Duration;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link StaleWatch} on a test clock and a manual scheduler: when the stale alarm
 * is set and cleared, and the age the gauge reads.
 */
class StaleWatchTests {

	private static final Duration STALE_AFTER = Duration.ofMinutes(5);

	private final TestClock clock = new TestClock();

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final Alarms alarms = Alarms.builder().build();

	private final StaleWatch watch = new StaleWatch("payments", this.clock, STALE_AFTER, Severity.MINOR, this.alarms,
			this.scheduler, null);

	@AfterEach
	void close() {
		this.alarms.close();
	}

	@Test
	void alarmIdIsTheWorkersNameWithStale() {
		assertThat(StaleWatch.alarmId("payments")).isEqualTo("payments_stale");
	}

	@Test
	void ageIsZeroBeforeStartThenCountsFromStart() {
		assertThat(this.watch.age()).isZero();
		this.clock.advance(Duration.ofHours(1));
		this.watch.start();
		this.clock.advance(Duration.ofSeconds(42));
		assertThat(this.watch.age()).isEqualTo(Duration.ofSeconds(42));
		assertThat(this.watch.lastSuccess()).isNull();
	}

	@Test
	void aWorkerWithoutSuccessSinceStartGoesStaleAfterStaleAfter() {
		this.watch.start();
		assertThat(this.scheduler.pending()).singleElement().extracting(ManualWorkerScheduler.Tick::delay)
			.isEqualTo(STALE_AFTER);
		this.clock.advance(STALE_AFTER);
		this.scheduler.runNext();
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.id()).isEqualTo("payments_stale");
			assertThat(alarm.severity()).isEqualTo(Severity.MINOR);
			assertThat(alarm.description())
				.isEqualTo("worker 'payments' has had no successful run for 300s since it started");
		});
	}

	@Test
	void aSuccessMovesTheDeadlineOnAndTheCheckWaitsOnlyTheRest() {
		this.watch.start();
		this.clock.advance(Duration.ofMinutes(4));
		succeed();
		this.clock.advance(Duration.ofMinutes(1));
		this.scheduler.runNext();
		assertThat(this.alarms.active()).isEmpty();
		assertThat(this.scheduler.pending()).singleElement().extracting(ManualWorkerScheduler.Tick::delay)
			.isEqualTo(Duration.ofMinutes(4));
		this.clock.advance(Duration.ofMinutes(4));
		this.scheduler.runNext();
		assertThat(this.alarms.active()).singleElement().extracting(Alarm::description)
			.isEqualTo("worker 'payments' has had no successful run for 300s");
	}

	@Test
	void failuresAreNoSuccess() {
		this.watch.start();
		this.clock.advance(Duration.ofMinutes(4));
		this.watch.runFinished("payments", RunOutcome.FAILURE, Duration.ZERO, new IllegalStateException("boom"));
		this.clock.advance(Duration.ofMinutes(1));
		this.scheduler.runNext();
		assertThat(this.alarms.isSet("payments_stale")).isTrue();
	}

	@Test
	void theNextSuccessClearsTheAlarmAtOnce() {
		this.watch.start();
		this.clock.advance(STALE_AFTER);
		this.scheduler.runNext();
		assertThat(this.alarms.isSet("payments_stale")).isTrue();
		this.clock.advance(Duration.ofSeconds(3));
		succeed();
		assertThat(this.alarms.isSet("payments_stale")).isFalse();
		assertThat(this.watch.age()).isZero();
		assertThat(this.watch.lastSuccess()).isEqualTo(this.clock.instant());
	}

	@Test
	void aStaleWorkerIsCheckedAgainOneStaleAfterLaterAndSetOnlyOnce() {
		this.watch.start();
		this.clock.advance(STALE_AFTER);
		this.scheduler.runNext();
		assertThat(this.scheduler.pending()).singleElement().extracting(ManualWorkerScheduler.Tick::delay)
			.isEqualTo(STALE_AFTER);
		this.clock.advance(STALE_AFTER);
		this.scheduler.runNext();
		assertThat(this.alarms.history()).hasSize(1);
	}

	@Test
	void stopCancelsTheCheckAndAStoppedWatchSetsNothing() {
		this.watch.start();
		ManualWorkerScheduler.Tick check = this.scheduler.pending().get(0);
		this.watch.stop();
		assertThat(check.isCancelled()).isTrue();
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void withoutStaleAfterTheWatchOnlyTracksTheAge() {
		StaleWatch untimed = new StaleWatch("ledger", this.clock, null, Severity.MINOR, this.alarms, this.scheduler,
				null);
		untimed.start();
		assertThat(this.scheduler.pending()).isEmpty();
		this.clock.advance(Duration.ofSeconds(7));
		assertThat(untimed.age()).isEqualTo(Duration.ofSeconds(7));
		untimed.runFinished("ledger", RunOutcome.SUCCESS, Duration.ZERO, null);
		assertThat(untimed.age()).isZero();
	}

	@Test
	void aClusterSingletonRunSkippedForTheLockIsNoSuccess() {
		WorkerSpec spec = new WorkerSpec("payments", Schedule.fixedDelay(Duration.ofSeconds(1)), Duration.ZERO, null,
				Duration.ofSeconds(5), dev.resilience.supervisor.Restart.PERMANENT);
		ClusterSingleton singleton = new ClusterSingleton(spec, this.alarms, dev.resilience.worker.SingletonListener.NONE);
		StaleWatch singletonWatch = new StaleWatch("payments", this.clock, STALE_AFTER, Severity.MINOR, this.alarms,
				this.scheduler, singleton);
		singletonWatch.start();
		this.clock.advance(Duration.ofMinutes(1));
		singleton.skipped("payments");
		singletonWatch.runFinished("payments", RunOutcome.SUCCESS, Duration.ZERO, null);
		assertThat(singletonWatch.age()).isEqualTo(Duration.ofMinutes(1));
		singleton.acquired("payments");
		singleton.released("payments");
		singletonWatch.runFinished("payments", RunOutcome.SUCCESS, Duration.ZERO, null);
		assertThat(singletonWatch.age()).isZero();
	}

	private void succeed() {
		this.watch.runFinished("payments", RunOutcome.SUCCESS, Duration.ofMillis(3), null);
	}

}
