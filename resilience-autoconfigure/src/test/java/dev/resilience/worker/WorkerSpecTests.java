package dev.resilience.worker;

import java.time.Duration;

import dev.resilience.supervisor.Restart;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests of {@link WorkerSpec} and {@link Schedule}: what a worker's settings may be, and how
 * they read in logs.
 */
class WorkerSpecTests {

	@Test
	void eachScheduleStandsForItsIntervalAndNamesItself() {
		Schedule.Cron cron = new Schedule.Cron("0 */5 * * * *", "Europe/Oslo", (after) -> null, Duration.ofMinutes(5));
		assertThat(Schedule.fixedDelay(Duration.ofSeconds(2)).interval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(Schedule.fixedRate(Duration.ofSeconds(3)).interval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(cron.interval()).isEqualTo(Duration.ofMinutes(5));
		assertThat(Schedule.fixedDelay(Duration.ofSeconds(2))).hasToString("fixed delay PT2S");
		assertThat(Schedule.fixedRate(Duration.ofSeconds(3))).hasToString("fixed rate PT3S");
		assertThat(cron).hasToString("cron 0 */5 * * * * (Europe/Oslo)");
	}

	@Test
	void schedulesNeedPositiveDurations() {
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.fixedDelay(Duration.ZERO))
			.withMessageContaining("delay must be a positive duration");
		assertThatIllegalArgumentException().isThrownBy(() -> Schedule.fixedRate(Duration.ofSeconds(-1)))
			.withMessageContaining("rate must be a positive duration");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Schedule.Cron("@daily", "UTC", (after) -> null, Duration.ZERO))
			.withMessageContaining("shortestGap must be a positive duration");
	}

	@Test
	void specNeedsAPositiveIntervalAndTimeoutAndNoNegativeDelays() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSpec("w", Duration.ZERO, Duration.ZERO, null, Duration.ZERO, Restart.PERMANENT))
			.withMessage("interval of worker 'w' must be a positive duration, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSpec("w", Duration.ofSeconds(1), Duration.ofSeconds(-1), null, Duration.ZERO,
					Restart.PERMANENT))
			.withMessageContaining("initialDelay of worker 'w'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSpec("w", Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ZERO,
					Restart.PERMANENT))
			.withMessage("timeout of worker 'w' must be a positive duration, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerSpec("w", Duration.ofSeconds(1), Duration.ZERO, null, Duration.ofSeconds(-1),
					Restart.PERMANENT))
			.withMessageContaining("shutdownTimeout of worker 'w'");
		WorkerSpec zeros = new WorkerSpec("w", Duration.ofSeconds(1), Duration.ZERO, null, Duration.ZERO,
				Restart.PERMANENT);
		assertThat(zeros.initialDelay()).isZero();
		assertThat(zeros.shutdownTimeout()).isZero();
	}

	@Test
	void copiesChangeOnlyWhatTheySay() {
		WorkerSpec spec = WorkerSpec.of("w", Duration.ofSeconds(10));
		assertThat(spec.initialDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(spec.timeout()).isNull();
		WorkerSpec timed = spec.withTimeout(Duration.ofSeconds(3));
		assertThat(timed).isEqualTo(new WorkerSpec("w", Duration.ofSeconds(10), Duration.ofSeconds(10),
				Duration.ofSeconds(3), Duration.ofSeconds(5), Restart.PERMANENT));
		WorkerSpec rated = spec.withSchedule(Schedule.fixedRate(Duration.ofSeconds(4)));
		assertThat(rated.schedule()).isEqualTo(Schedule.fixedRate(Duration.ofSeconds(4)));
		assertThat(rated.interval()).isEqualTo(Duration.ofSeconds(4));
		assertThat(rated.name()).isEqualTo("w");
		assertThat(rated.timeout()).isNull();
	}

	@Test
	void outcomeTagValuesAreLowerCase() {
		assertThat(RunOutcome.SUCCESS.tagValue()).isEqualTo("success");
		assertThat(RunOutcome.TIMEOUT.tagValue()).isEqualTo("timeout");
	}

}
