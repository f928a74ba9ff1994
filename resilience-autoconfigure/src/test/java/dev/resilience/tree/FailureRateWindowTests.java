package dev.resilience.tree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests of {@link FailureRateWindow}: the window, its thresholds one by one, and the
 * hysteresis that keeps an intermittent failure from flapping.
 */
class FailureRateWindowTests {

	@Test
	void isNotJudgedBeforeTheWindowIsFull() {
		FailureRateWindow window = FailureRateWindow.of(4, 50);
		assertThat(window.record(true)).isFalse();
		assertThat(window.record(true)).isFalse();
		assertThat(window.record(true)).isFalse();
		assertThat(window.runs()).isEqualTo(3);
		assertThat(window.failures()).isEqualTo(3);
		assertThat(window.record(false)).isTrue();
		assertThat(window.raised()).isTrue();
		assertThat(window.runs()).isEqualTo(4);
	}

	@Test
	void raisesExactlyAtTheThreshold() {
		FailureRateWindow atThreshold = FailureRateWindow.of(4, 50);
		record(atThreshold, true, false, true, false);
		assertThat(atThreshold.raised()).isTrue();
		FailureRateWindow below = FailureRateWindow.of(4, 50);
		record(below, true, false, false, false);
		assertThat(below.raised()).isFalse();
		assertThat(below.failures()).isEqualTo(1);
	}

	@Test
	void slidesTheOldestRunOut() {
		FailureRateWindow window = FailureRateWindow.of(3, 100);
		record(window, true, true, false);
		assertThat(window.failures()).isEqualTo(2);
		window.record(false);
		assertThat(window.failures()).isEqualTo(1);
		assertThat(window.runs()).isEqualTo(3);
		window.record(true);
		assertThat(window.failures()).isEqualTo(1);
		window.record(true);
		window.record(true);
		assertThat(window.failures()).isEqualTo(3);
		assertThat(window.raised()).isTrue();
		assertThat(window.describe()).isEqualTo("3 of the last 3 runs failed");
	}

	@Test
	void lowersOnlyAtOrBelowTheLowerRate() {
		FailureRateWindow window = new FailureRateWindow(10, 50, 20);
		record(window, true, true, true, true, true, false, false, false, false, false);
		assertThat(window.raised()).isTrue();
		// 5 failures, 4, 3 of 10: still above 20%
		record(window, false, false);
		assertThat(window.failures()).isEqualTo(3);
		assertThat(window.raised()).isTrue();
		// 2 of 10 is 20%: lowered
		assertThat(window.record(false)).isFalse();
		assertThat(window.failures()).isEqualTo(2);
		// two failures push the last two old ones out: still 2 of 10
		assertThat(window.record(true)).isFalse();
		assertThat(window.record(true)).isFalse();
		assertThat(window.failures()).isEqualTo(2);
		// 3 and 4 of 10 stay lowered; 5 of 10, 50%, raises again
		assertThat(window.record(true)).isFalse();
		assertThat(window.record(true)).isFalse();
		assertThat(window.failures()).isEqualTo(4);
		assertThat(window.record(true)).isTrue();
	}

	@Test
	void aWorkerFailingEveryThirdRunRaisesOnceAndStaysRaised() {
		FailureRateWindow window = FailureRateWindow.of(20, 25);
		int raises = 0;
		boolean before = false;
		for (int run = 1; run <= 300; run++) {
			boolean now = window.record(run % 3 == 0);
			if (now && !before) {
				raises++;
			}
			if (run >= 20) {
				assertThat(now).as("run %d", run).isTrue();
			}
			before = now;
		}
		assertThat(raises).isEqualTo(1);
		assertThat(window.failures()).isBetween(6, 7);
	}

	@Test
	void recoversOnceFailuresFallToHalfTheRate() {
		FailureRateWindow window = FailureRateWindow.of(20, 25);
		for (int run = 1; run <= 60; run++) {
			window.record(run % 3 == 0);
		}
		int good = 0;
		while (window.raised()) {
			window.record(false);
			good++;
		}
		// 12% of 20 is 2.4: it lowers at 2 failures left in the window
		assertThat(window.failures()).isEqualTo(2);
		assertThat(good).isBetween(13, 15);
	}

	@Test
	void halfOfAnOddRateRoundsDown() {
		FailureRateWindow window = FailureRateWindow.of(2, 1);
		record(window, true, false);
		assertThat(window.raised()).isTrue();
		window.record(false);
		assertThat(window.raised()).isFalse();
		FailureRateWindow one = FailureRateWindow.of(1, 100);
		assertThat(one.record(true)).isTrue();
		assertThat(one.record(false)).isFalse();
		assertThat(one.describe()).isEqualTo("0 of the last 1 runs failed");
	}

	@ParameterizedTest(name = "size {0}, raise {1}%, lower {2}%")
	@CsvSource(delimiter = '|', textBlock = """
			0 |  50 | 10 | size must be 1 or more, was 0
			5 |   0 |  0 | raisePercent must be 1 to 100, was 0
			5 | 101 | 10 | raisePercent must be 1 to 100, was 101
			5 |  50 | 50 | lowerPercent must be 0 or more and below raisePercent (50), was 50
			5 |  50 | -1 | lowerPercent must be 0 or more and below raisePercent (50), was -1
			""")
	void rejectsBadLimits(int size, int raise, int lower, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> new FailureRateWindow(size, raise, lower))
			.withMessage(message);
	}

	@Test
	void acceptsTheExtremes() {
		assertThat(new FailureRateWindow(1, 100, 99).record(true)).isTrue();
		assertThat(new FailureRateWindow(1, 1, 0).record(false)).isFalse();
	}

	private static void record(FailureRateWindow window, boolean... failures) {
		for (boolean failure : failures) {
			window.record(failure);
		}
	}

}
