package dev.resilience.check;

import java.time.Duration;

import dev.resilience.alarm.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests of {@link CheckSettings}: what it accepts and what it rejects.
 */
class CheckSettingsTests {

	private static final Duration SECOND = Duration.ofSeconds(1);

	@Test
	void onePassingCheckAndTheSmallestPositiveDurationsAreAccepted() {
		CheckSettings settings = new CheckSettings("db", Duration.ofNanos(1), Duration.ofNanos(1), 1, "db_down",
				Severity.MINOR);
		assertThat(settings.passingChecks()).isOne();
	}

	@Test
	void nonPositiveDurationsAreRejected() {
		for (Duration bad : new Duration[] { Duration.ZERO, Duration.ofMillis(-1) }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new CheckSettings("db", bad, SECOND, 3, "db_down", Severity.MINOR))
				.withMessage("interval and timeout of check 'db' must be positive");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new CheckSettings("db", SECOND, bad, 3, "db_down", Severity.MINOR))
				.withMessage("interval and timeout of check 'db' must be positive");
		}
	}

	@Test
	void fewerThanOnePassingCheckIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CheckSettings("db", SECOND, SECOND, 0, "db_down", Severity.MINOR))
			.withMessage("passingChecks of check 'db' must be 1 or more, was 0");
	}

	@Test
	void passiveFailuresDefaultToThreeAndZeroIsOffButBelowZeroIsRejected() {
		assertThat(new CheckSettings("db", SECOND, SECOND, 3, "db_down", Severity.MINOR).passiveFailures()).isEqualTo(3);
		assertThat(new CheckSettings("db", SECOND, SECOND, 3, "db_down", Severity.MINOR, 0).passiveFailures()).isZero();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CheckSettings("db", SECOND, SECOND, 3, "db_down", Severity.MINOR, -1))
			.withMessage("passiveFailures of check 'db' must be 0 (off) or more, was -1");
	}

	@Test
	void missingValuesAreRejected() {
		assertThatNullPointerException()
			.isThrownBy(() -> new CheckSettings(null, SECOND, SECOND, 3, "db_down", Severity.MINOR))
			.withMessage("name");
		assertThatNullPointerException()
			.isThrownBy(() -> new CheckSettings("db", SECOND, SECOND, 3, null, Severity.MINOR))
			.withMessage("alarm");
		assertThatNullPointerException().isThrownBy(() -> new CheckSettings("db", SECOND, SECOND, 3, "db_down", null))
			.withMessage("severity");
	}

}
