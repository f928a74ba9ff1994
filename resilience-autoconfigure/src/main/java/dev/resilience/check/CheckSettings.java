package dev.resilience.check;

import java.time.Duration;
import java.util.Objects;

import dev.resilience.alarm.Severity;

/**
 * How one dependency check runs. Immutable.
 *
 * @param name the check's name
 * @param interval the delay between checks, positive
 * @param timeout how long one check may take; past it the check is failed, positive
 * @param passingChecks passes in a row that make the check CONNECTED, 1 or more
 * @param alarm the id of the alarm set while the check fails
 * @param severity that alarm's severity
 * @param passiveFailures failures reported in a row ({@link PassiveChecks}) that run the check at
 * once, at most once per timeout; 0 for never
 * @since 0.1.0
 */
public record CheckSettings(String name, Duration interval, Duration timeout, int passingChecks, String alarm,
		Severity severity, int passiveFailures) {

	/** The default delay between checks: 1 second. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	/** The default number of passes in a row that make a check CONNECTED: 3. */
	public static final int DEFAULT_PASSING_CHECKS = 3;

	/** The default severity of a check's alarm: CRITICAL. */
	public static final Severity DEFAULT_SEVERITY = Severity.CRITICAL;

	/** The default number of failures reported in a row that run a check at once: 3. */
	public static final int DEFAULT_PASSIVE_FAILURES = 3;

	/**
	 * Checks the settings.
	 * @throws IllegalArgumentException if a duration is not positive, passingChecks is below 1 or
	 * passiveFailures below 0
	 */
	public CheckSettings {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(interval, "interval");
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(alarm, "alarm");
		Objects.requireNonNull(severity, "severity");
		if (interval.isZero() || interval.isNegative() || timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("interval and timeout of check '" + name + "' must be positive");
		}
		if (passingChecks < 1) {
			throw new IllegalArgumentException(
					"passingChecks of check '" + name + "' must be 1 or more, was " + passingChecks);
		}
		if (passiveFailures < 0) {
			throw new IllegalArgumentException(
					"passiveFailures of check '" + name + "' must be 0 (off) or more, was " + passiveFailures);
		}
	}

	/**
	 * Settings with {@value #DEFAULT_PASSIVE_FAILURES} passive failures.
	 * @param name the check's name
	 * @param interval the delay between checks, positive
	 * @param timeout how long one check may take; past it the check is failed, positive
	 * @param passingChecks passes in a row that make the check CONNECTED, 1 or more
	 * @param alarm the id of the alarm set while the check fails
	 * @param severity that alarm's severity
	 */
	public CheckSettings(String name, Duration interval, Duration timeout, int passingChecks, String alarm,
			Severity severity) {
		this(name, interval, timeout, passingChecks, alarm, severity, DEFAULT_PASSIVE_FAILURES);
	}

	/**
	 * @param name a check's name
	 * @return the id of the alarm it sets unless told otherwise: {@code <name>_disconnected}
	 */
	public static String defaultAlarm(String name) {
		return name + "_disconnected";
	}

	/**
	 * @param interval the delay between checks
	 * @param timeout how long one check may take, or {@code null} for the default
	 * @return the timeout, the interval by default
	 */
	public static Duration timeoutOrDefault(Duration interval, Duration timeout) {
		return (timeout != null) ? timeout : interval;
	}

}
