package dev.resilience.alarm;

import java.time.Instant;
import java.util.Objects;

import dev.resilience.runtime.UserText;

/**
 * A set alarm. Immutable.
 *
 * @param id the alarm's id, such as {@code payments_crashing}
 * @param severity how bad it is
 * @param description what is wrong, for people; cut to
 * {@value dev.resilience.runtime.UserText#MAX_LENGTH} characters ({@link UserText#cut})
 * @param setAt when it was set (setting it again keeps this time)
 *
 * @since 0.1.0
 */
public record Alarm(String id, Severity severity, String description, Instant setAt) {

	public Alarm {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(setAt, "setAt");
		if (id.isBlank()) {
			throw new IllegalArgumentException("an alarm id must not be blank");
		}
		description = (description != null) ? UserText.cut(description) : "";
	}

}
