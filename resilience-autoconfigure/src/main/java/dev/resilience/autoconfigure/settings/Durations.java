package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

/**
 * Parses and checks the durations of the starter's settings, so that every duration message has
 * one shape: "Invalid value '0s' for ...: allowed is a positive duration such as 500ms, 1s or 2m".
 *
 * @since 0.1.0
 */
public final class Durations {

	private Durations() {
	}

	/** @return the duration of a text, placeholders resolved, or {@code null} for a blank one */
	static Duration parse(String property, String text) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidResiliencePropertyException(property, text, "a duration such as 500ms, 1s, 2m or PT1S");
		}
	}

	static Duration positive(String property, Duration value) {
		InvalidResiliencePropertyException.require(value != null && !value.isZero() && !value.isNegative(), property,
				text(value), "a positive duration such as 500ms, 1s or 2m");
		return value;
	}

	/** @return the duration, {@code null} for none, after checking that it is positive */
	static Duration positiveOrNone(String property, Duration value) {
		return (value != null) ? positive(property, value) : null;
	}

	static Duration notNegative(String property, Duration value) {
		InvalidResiliencePropertyException.require(value != null && !value.isNegative(), property, text(value),
				"zero or a positive duration such as 0s, 500ms or 1s");
		return value;
	}

	/**
	 * @param duration a duration, or {@code null}
	 * @return the duration in its largest exact unit: {@code 5s}, {@code 100ms}, {@code 2m}
	 */
	public static String text(Duration duration) {
		if (duration == null) {
			return "(none)";
		}
		ChronoUnit largest = Stream.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS,
				ChronoUnit.MILLIS, ChronoUnit.NANOS)
			.filter((unit) -> duration.toNanos() % unit.getDuration().toNanos() == 0)
			.findFirst()
			.orElseThrow();
		return DurationStyle.SIMPLE.print(duration, duration.isZero() ? ChronoUnit.SECONDS : largest);
	}

}
