package dev.resilience.alarm;

import java.util.Locale;

/**
 * How one run of a remedy callback ended.
 *
 * @since 0.1.0
 */
public enum RemedyOutcome {

	/** It returned. */
	COMPLETED,

	/** It threw. */
	FAILED,

	/** It ran past its callback timeout and was interrupted. */
	TIMEOUT;

	/** @return the meter tag value: {@code completed}, {@code failed} or {@code timeout} */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
