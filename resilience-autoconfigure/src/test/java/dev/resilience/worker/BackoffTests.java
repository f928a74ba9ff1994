package dev.resilience.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Unit tests of {@link Backoff}: what it may be, and the delay it gives after the n-th crash in
 * a row.
 */
class BackoffTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void ofTakesTheDefaultMultiplierAndJitterAndResetsAfterTwiceTheMax() {
		assertThat(Backoff.of(SECOND, MINUTE)).isEqualTo(new Backoff(SECOND, MINUTE, 2, 0.2, Duration.ofMinutes(2)));
	}

	@Test
	void delayGrowsByTheMultiplierFromTheInitialUpToTheMax() {
		Backoff backoff = new Backoff(SECOND, Duration.ofSeconds(20), 3, 0, MINUTE);
		assertThat(backoff.delay(1, 0.9)).isEqualTo(SECOND);
		assertThat(backoff.delay(2, 0.9)).isEqualTo(Duration.ofSeconds(3));
		assertThat(backoff.delay(3, 0.9)).isEqualTo(Duration.ofSeconds(9));
		assertThat(backoff.delay(4, 0.9)).isEqualTo(Duration.ofSeconds(20));
		assertThat(backoff.delay(Long.MAX_VALUE, 0.9)).as("no overflow").isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void jitterSpreadsTheCappedDelayBothWays() {
		Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10), 2, 0.2, MINUTE);
		assertThat(backoff.delay(5, 0)).isEqualTo(Duration.ofSeconds(8));
		assertThat(backoff.delay(5, 0.5)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.delay(5, 0.75)).isEqualTo(Duration.ofSeconds(11));
		assertThat(backoff.delay(5, Math.nextDown(1.0))).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
		Backoff full = new Backoff(SECOND, SECOND, 2, 1, MINUTE);
		assertThat(full.delay(1, 0)).isZero();
		assertThat(full.delay(1, 0.25)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void delayKeepsSubSecondPrecision() {
		Backoff backoff = new Backoff(Duration.ofMillis(1500), Duration.ofSeconds(5), 1.5, 0, MINUTE);
		assertThat(backoff.delay(2, 0.3)).isEqualTo(Duration.ofMillis(2250));
		assertThat(new Backoff(Duration.ofNanos(3), Duration.ofNanos(3), 2, 0, MINUTE).delay(1, 0))
			.isEqualTo(Duration.ofNanos(3));
	}

	@Test
	void delayIsForTheFirstCrashOrLater() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.of(SECOND, MINUTE).delay(0, 0.5))
			.withMessage("crashes in a row must be 1 or more, was 0");
	}

	@Test
	void durationsMustBePositiveAndMaxAtLeastInitial() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.of(Duration.ZERO, MINUTE))
			.withMessage("backoff initial must be a positive duration, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(SECOND, Duration.ofSeconds(-1), 2, 0, MINUTE))
			.withMessage("backoff max must be a positive duration, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(SECOND, MINUTE, 2, 0, Duration.ZERO))
			.withMessage("backoff resetAfter must be a positive duration, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.of(MINUTE, SECOND))
			.withMessage("backoff max must be at least initial (PT1M), was PT1S");
		assertThat(Backoff.of(SECOND, SECOND).max()).isEqualTo(SECOND);
		assertThatNullPointerException().isThrownBy(() -> new Backoff(null, MINUTE, 2, 0, MINUTE));
		assertThatNullPointerException().isThrownBy(() -> new Backoff(SECOND, null, 2, 0, MINUTE));
		assertThatNullPointerException().isThrownBy(() -> new Backoff(SECOND, MINUTE, 2, 0, null));
	}

	@Test
	void multiplierIsAtLeastOneAndJitterFromZeroToOne() {
		for (double multiplier : new double[] { 0.99, Double.NaN, Double.POSITIVE_INFINITY }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(SECOND, MINUTE, multiplier, 0, MINUTE))
				.withMessage("backoff multiplier must be a number of at least 1, was " + multiplier);
		}
		for (double jitter : new double[] { -0.01, 1.01, Double.NaN }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(SECOND, MINUTE, 2, jitter, MINUTE))
				.withMessage("backoff jitter must be from 0 to 1, was " + jitter);
		}
		assertThat(new Backoff(SECOND, MINUTE, 1, 0, MINUTE).multiplier()).isEqualTo(1);
		assertThat(new Backoff(SECOND, MINUTE, 2, 1, MINUTE).jitter()).isEqualTo(1);
	}

}
