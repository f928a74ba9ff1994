package dev.resilience.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link Schedule.NextFire#shortestGap}, which sizes a cron worker's restart
 * limit: the shortest gap between consecutive fires over the next 24 hours, at least two fires
 * looked at.
 */
class CronShortestGapTests {

	private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void aRegularScheduleHasItsPeriodAsItsShortestGap() {
		assertThat(every(Duration.ofSeconds(10)).shortestGap(FROM)).isEqualTo(Duration.ofSeconds(10));
		assertThat(every(Duration.ofSeconds(1)).shortestGap(FROM)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void theShortestOfUnevenGapsCountsWhereverItFallsInTheDay() {
		assertThat(firesAt(hours(1), hours(6), hours(7), hours(13)).shortestGap(FROM)).isEqualTo(Duration.ofHours(1));
		assertThat(firesAt(hours(1), hours(3), hours(6), hours(23)).shortestGap(FROM)).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void aDailyScheduleLooksPastTheDayToItsSecondFire() {
		assertThat(every(Duration.ofDays(1)).shortestGap(FROM)).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void theGapToTheFirstFirePastTheDayCountsAndNothingAfterIt() {
		// 23 h, then 25 h (past the 24-hour horizon: its gap counts), then 25 h and a second (not looked at)
		Schedule.NextFire fires = firesAt(hours(23), hours(25), hours(25).plusSeconds(1));
		assertThat(fires.shortestGap(FROM)).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void aGapThatEndsExactlyAtTheHorizonIsLookedPast() {
		// a fire at exactly 24 h is not past the horizon, so the next one is looked at too
		Schedule.NextFire fires = firesAt(hours(20), hours(24), hours(24).plusSeconds(30));
		assertThat(fires.shortestGap(FROM)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aScheduleThatFiresOnceOrNeverHasNoGap() {
		assertThat(firesAt(hours(2)).shortestGap(FROM)).isNull();
		assertThat(firesAt().shortestGap(FROM)).isNull();
	}

	private static Duration hours(int hours) {
		return Duration.ofHours(hours);
	}

	private static Schedule.NextFire every(Duration period) {
		return (after) -> {
			long periods = Duration.between(FROM, after).toNanos() / period.toNanos() + 1;
			return FROM.plus(period.multipliedBy(periods));
		};
	}

	/** Fires at these offsets from {@link #FROM}, in order, and never again. */
	private static Schedule.NextFire firesAt(Duration... offsets) {
		List<Instant> fires = java.util.Arrays.stream(offsets).map(FROM::plus).toList();
		return (after) -> fires.stream().filter((fire) -> fire.isAfter(after)).findFirst().orElse(null);
	}

}
