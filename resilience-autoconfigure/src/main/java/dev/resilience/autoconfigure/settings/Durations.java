package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

/**
 * The one duration parser and checker of the starter's settings, so every duration message has
 * one shape: "Invalid value '0s' for resilience.workers.payments.interval: allowed is a positive
 * duration such as 500ms, 1s or 2m".
 *
 * @since 0.1.0
 */
public final class Durations {

	static final String ANY = "a duration such as 500ms, 1s, 2m or PT1S";

	static final String POSITIVE = "a positive duration such as 500ms, 1s or 2m";

	static final String NOT_NEGATIVE = "zero or a positive duration such as 0s, 500ms or 1s";

	private Durations() {
	}

	/**
	 * @param property the property or annotation attribute, for the message
	 * @param text the text, placeholders resolved; blank for none
	 * @return the duration, or {@code null} for a blank text
	 * @throws InvalidResiliencePropertyException if the text is no duration
	 */
	static Duration parse(String property, String text) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidResiliencePropertyException(property, text, ANY);
		}
	}

	/**
	 * @param property the property or annotation attribute, for the message
	 * @param value the duration, or {@code null}
	 * @return the duration
	 * @throws InvalidResiliencePropertyException if it is missing, zero or negative
	 */
	static Duration positive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidResiliencePropertyException(property, text(value), POSITIVE);
		}
		return value;
	}

	/**
	 * @param property the property or annotation attribute, for the message
	 * @param value the duration
	 * @return the duration
	 * @throws InvalidResiliencePropertyException if it is missing or negative
	 */
	static Duration notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidResiliencePropertyException(property, text(value), NOT_NEGATIVE);
		}
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
		if (duration.isZero()) {
			return "0s";
		}
		for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS,
				ChronoUnit.MILLIS)) {
			if (duration.toNanos() % unit.getDuration().toNanos() == 0) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
	}

}
