package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the starter writes to the log about workers' crashes.
 *
 * @param crashSummaryInterval Least time between two log lines about a worker's repeated crashes
 * (same exception type, same message but for its numbers): the first crash logs its stack trace,
 * the repeats are counted and written as one summary line at most this often.
 * @since 0.1.0
 */
public record LoggingProperties(@DefaultValue("1m") Duration crashSummaryInterval) {
}
