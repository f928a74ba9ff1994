package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import dev.resilience.worker.Backoff;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unit tests of {@link WorkerResolution#backoff}: off unless {@code initial} is set, the defaults of the
 * other keys, and what each bad value says.
 */
class BackoffResolutionTests {

	private static final String PREFIX = "resilience.workers.payments.backoff.";

	@Test
	void everyBackoffKeyIsKnownAndNoOther() {
		for (String key : new String[] { "initial", "max", "multiplier", "jitter", "reset-after", "resetAfter" }) {
			assertThat(PropertyKeys.find(ConfigurationPropertyName.adapt(PREFIX + key, '.'))).as(key).isEmpty();
		}
		assertThat(PropertyKeys.find(ConfigurationPropertyName.adapt(PREFIX + "maximum", '.'))).isPresent();
	}

	@Test
	void offUnlessInitialIsSet() {
		assertThat(WorkerResolution.backoff("payments", new BackoffProperties(null, null, null, null, null))).isNull();
	}

	@Test
	void initialAloneTakesTheDefaults() {
		BackoffProperties properties = new BackoffProperties(Duration.ofSeconds(1), null, null, null, null);
		assertThat(WorkerResolution.backoff("payments", properties)).isEqualTo(new Backoff(Duration.ofSeconds(1),
				Duration.ofSeconds(32), 2, 0.2, Duration.ofSeconds(64)));
	}

	@Test
	void everyKeySetIsTaken() {
		BackoffProperties properties = new BackoffProperties(Duration.ofMillis(500), Duration.ofMinutes(1), 3.0, 0.0,
				Duration.ofMinutes(10));
		assertThat(WorkerResolution.backoff("payments", properties)).isEqualTo(
				new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1), 3, 0, Duration.ofMinutes(10)));
		properties = new BackoffProperties(Duration.ofMillis(500), Duration.ofMinutes(1), 3.0, 0.0, null);
		assertThat(WorkerResolution.backoff("payments", properties).resetAfter()).as("twice max")
			.isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void boundaryValuesAreAllowed() {
		BackoffProperties properties = new BackoffProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 1.0,
				null);
		assertThat(WorkerResolution.backoff("payments", properties))
			.isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(2)));
		properties = new BackoffProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 0.0, null);
		assertThat(WorkerResolution.backoff("payments", properties).jitter()).isZero();
	}

	@Test
	void eachKeySetWithoutInitialIsNamed() {
		assertRejected(with(null, "30s", null, null, null), "max", "30s",
				"no value unless " + PREFIX + "initial is set too");
		assertRejected(with(null, null, 2.0, null, null), "multiplier", 2.0,
				"no value unless " + PREFIX + "initial is set too");
		assertRejected(with(null, null, null, 0.2, null), "jitter", 0.2, "no value unless");
		assertRejected(with(null, null, null, null, "1m"), "reset-after", "1m", "no value unless");
	}

	@Test
	void badValuesAreNamedWithWhatIsAllowed() {
		assertRejected(with("0s", null, null, null, null), "initial", "0s", "a positive duration");
		assertRejected(with("1s", "-1s", null, null, null), "max", "-1s", "a positive duration");
		assertRejected(with("1s", "500ms", null, null, null), "max", "500ms",
				"a duration of at least " + PREFIX + "initial (1s)");
		assertRejected(with("1s", null, 0.5, null, null), "multiplier", 0.5, "a number of at least 1");
		assertRejected(with("1s", null, Double.POSITIVE_INFINITY, null, null), "multiplier", Double.POSITIVE_INFINITY,
				"a number of at least 1");
		assertRejected(with("1s", null, null, -0.1, null), "jitter", -0.1, "a number from 0 to 1");
		assertRejected(with("1s", null, null, 1.5, null), "jitter", 1.5, "a number from 0 to 1");
		assertRejected(with("1s", null, null, null, "0s"), "reset-after", "0s", "a positive duration");
	}

	private static BackoffProperties with(String initial, String max, Double multiplier, Double jitter,
			String resetAfter) {
		return new BackoffProperties(Durations.parse("initial", initial), Durations.parse("max", max), multiplier, jitter,
				Durations.parse("reset-after", resetAfter));
	}

	private static void assertRejected(BackoffProperties properties, String key, Object value, String allowed) {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> WorkerResolution.backoff("payments", properties))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(PREFIX + key);
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getAllowed()).contains(allowed);
			});
	}

}
