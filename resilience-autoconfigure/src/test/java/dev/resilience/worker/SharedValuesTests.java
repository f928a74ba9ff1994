package dev.resilience.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SharedValues}: whole seconds up to a minute are shared, nothing else is, and a
 * shared value equals the one it stands for.
 */
class SharedValuesTests {

	@Test
	void wholeSecondsFromZeroToAMinuteAreShared() {
		assertThat(SharedValues.duration(Duration.ofSeconds(0))).isSameAs(SharedValues.duration(Duration.ZERO));
		assertThat(SharedValues.duration(Duration.ofSeconds(60)))
			.isSameAs(SharedValues.duration(Duration.ofMinutes(1)))
			.isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void otherDurationsAreThemselves() {
		Duration minuteAndSecond = Duration.ofSeconds(61);
		Duration partSecond = Duration.ofMillis(1500);
		Duration negative = Duration.ofSeconds(-1);
		assertThat(SharedValues.duration(minuteAndSecond)).isSameAs(minuteAndSecond);
		assertThat(SharedValues.duration(partSecond)).isSameAs(partSecond);
		assertThat(SharedValues.duration(negative)).isSameAs(negative);
		assertThat(SharedValues.duration(null)).isNull();
	}

	@Test
	void fixedDelaysOfWholeSecondsUpToAMinuteAreShared() {
		assertThat(SharedValues.fixedDelay(Duration.ofSeconds(1))).isSameAs(Schedule.fixedDelay(Duration.ofMillis(1000)))
			.isEqualTo(new Schedule.FixedDelay(Duration.ofSeconds(1)));
		assertThat(SharedValues.fixedDelay(Duration.ofSeconds(60))).isSameAs(SharedValues.fixedDelay(Duration.ofMinutes(1)));
		assertThat(SharedValues.fixedDelay(Duration.ofSeconds(61))).isNotSameAs(SharedValues.fixedDelay(Duration.ofSeconds(61)))
			.isEqualTo(new Schedule.FixedDelay(Duration.ofSeconds(61)));
	}

	@Test
	void aZeroFixedDelayIsStillRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SharedValues.fixedDelay(Duration.ZERO));
	}

	@Test
	void aWorkerSpecSharesItsCommonDurations() {
		WorkerSpec one = new WorkerSpec("one", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
				Duration.ofSeconds(5), dev.resilience.supervisor.Restart.PERMANENT);
		WorkerSpec other = new WorkerSpec("other", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
				Duration.ofSeconds(5), dev.resilience.supervisor.Restart.PERMANENT);
		assertThat(one.schedule()).isSameAs(other.schedule());
		assertThat(one.initialDelay()).isSameAs(other.initialDelay());
		assertThat(one.timeout()).isSameAs(other.timeout());
		assertThat(one.shutdownTimeout()).isSameAs(other.shutdownTimeout());
	}

}
