package dev.resilience.supervisor;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link Intensity}.
 */
class IntensityTests {

	private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

	@Test
	void derivedFromOneSecondInFiveSecondsIsSixRestarts() {
		assertThat(Intensity.derivedFrom(Duration.ofSeconds(1), FIVE_SECONDS))
			.isEqualTo(new Intensity(6, FIVE_SECONDS));
	}

	@Test
	void derivedFromHundredMillisecondsInFiveSecondsIsFiftyOneRestarts() {
		assertThat(Intensity.derivedFrom(Duration.ofMillis(100), FIVE_SECONDS))
			.isEqualTo(new Intensity(51, FIVE_SECONDS));
	}

	@Test
	void derivedFromRoundsAPartialIntervalUp() {
		// 5 s / 2 s = 2.5: ceil gives 3, plus one is 4 (floor would give 3)
		assertThat(Intensity.derivedFrom(Duration.ofSeconds(2), FIVE_SECONDS).maxRestarts()).isEqualTo(4);
		// 1 s / 300 ms = 3.33: ceil gives 4, plus one is 5
		assertThat(Intensity.derivedFrom(Duration.ofMillis(300), Duration.ofSeconds(1)).maxRestarts()).isEqualTo(5);
	}

	@Test
	void derivedFromAnIntervalLongerThanThePeriodAllowsTwoRestarts() {
		assertThat(Intensity.derivedFrom(Duration.ofSeconds(5), FIVE_SECONDS).maxRestarts()).isEqualTo(2);
		assertThat(Intensity.derivedFrom(Duration.ofMinutes(1), FIVE_SECONDS).maxRestarts()).isEqualTo(2);
	}

	@Test
	void derivedFromSharesTheLastOneDerivedWhenEqual() {
		Intensity first = Intensity.derivedFrom(Duration.ofSeconds(1), FIVE_SECONDS);
		assertThat(Intensity.derivedFrom(Duration.ofMillis(1000), Duration.ofSeconds(5))).isSameAs(first);
		assertThat(Intensity.derivedFrom(Duration.ofSeconds(1), Duration.ofSeconds(4)))
			.isEqualTo(new Intensity(5, Duration.ofSeconds(4)));
		assertThat(Intensity.derivedFrom(Duration.ofMillis(800), Duration.ofSeconds(4)))
			.isEqualTo(new Intensity(6, Duration.ofSeconds(4)));
	}

	@Test
	void derivedFromKeepsThePeriod() {
		assertThat(Intensity.derivedFrom(Duration.ofSeconds(1), Duration.ofSeconds(30)).period())
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void derivedFromCapsAHugeRatioAtIntMax() {
		assertThat(Intensity.derivedFrom(Duration.ofNanos(1), Duration.ofDays(1000)).maxRestarts())
			.isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void defaultIsThreeRestartsInFiveSeconds() {
		assertThat(Intensity.DEFAULT).isEqualTo(new Intensity(3, FIVE_SECONDS));
	}

	@Test
	void zeroMaxRestartsIsAllowed() {
		assertThat(new Intensity(0, FIVE_SECONDS).maxRestarts()).isZero();
	}

	@Test
	void negativeMaxRestartsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Intensity(-1, FIVE_SECONDS))
			.withMessageContaining("maxRestarts")
			.withMessageContaining("-1");
	}

	@Test
	void zeroOrNegativePeriodIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Intensity(3, Duration.ZERO))
			.withMessageContaining("period");
		assertThatIllegalArgumentException().isThrownBy(() -> new Intensity(3, Duration.ofSeconds(-1)))
			.withMessageContaining("period");
	}

	@Test
	void nullPeriodIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> new Intensity(3, null)).withMessageContaining("period");
	}

	@Test
	void derivedFromRejectsZeroOrNegativeInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> Intensity.derivedFrom(Duration.ZERO, FIVE_SECONDS))
			.withMessageContaining("interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Intensity.derivedFrom(Duration.ofMillis(-100), FIVE_SECONDS))
			.withMessageContaining("interval");
	}

	@Test
	void derivedFromRejectsZeroOrNegativePeriod() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Intensity.derivedFrom(Duration.ofSeconds(1), Duration.ZERO))
			.withMessageContaining("period");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Intensity.derivedFrom(Duration.ofSeconds(1), Duration.ofSeconds(-5)))
			.withMessageContaining("period");
	}

	@Test
	void derivedFromRejectsNulls() {
		assertThatNullPointerException().isThrownBy(() -> Intensity.derivedFrom(null, FIVE_SECONDS))
			.withMessageContaining("interval");
		assertThatNullPointerException().isThrownBy(() -> Intensity.derivedFrom(Duration.ofSeconds(1), null))
			.withMessageContaining("period");
	}

}
