package dev.resilience.autoconfigure.settings;

import java.time.Duration;

/**
 * What the starter writes to the log about workers' crashes.
 *
 * @since 0.1.0
 */
public class LoggingProperties {

	/**
	 * Least time between two log lines about a worker's repeated crashes (same exception type,
	 * same message but for its numbers): the first crash logs its stack trace, the repeats are
	 * counted and written as one summary line at most this often.
	 */
	private Duration crashSummaryInterval = Duration.ofMinutes(1);

	public Duration getCrashSummaryInterval() {
		return this.crashSummaryInterval;
	}

	public void setCrashSummaryInterval(Duration crashSummaryInterval) {
		this.crashSummaryInterval = crashSummaryInterval;
	}

}
