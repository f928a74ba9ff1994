package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckSettings;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one dependency check.
 *
 * @param interval Delay between two checks.
 * @param timeout How long one check may take; past it the check counts as failed. Defaults to the
 * interval.
 * @param passingChecks Passing checks in a row before the check is CONNECTED and its alarm clears.
 * @param alarm Id of the alarm set while the check fails. Defaults to {@code <name>_disconnected}.
 * @param severity Severity of that alarm.
 * @param enabled Whether the check runs.
 * @param passive How failures the application reports run the check at once.
 * @since 0.1.0
 */
public record CheckProperties(Duration interval, Duration timeout,
		@DefaultValue("" + CheckSettings.DEFAULT_PASSING_CHECKS) int passingChecks, String alarm, Severity severity,
		@DefaultValue("true") boolean enabled, @DefaultValue Passive passive) {

	public CheckProperties {
		interval = (interval != null) ? interval : CheckSettings.DEFAULT_INTERVAL;
		severity = (severity != null) ? severity : CheckSettings.DEFAULT_SEVERITY;
		passive = (passive != null) ? passive : new Passive(CheckSettings.DEFAULT_PASSIVE_FAILURES);
	}

	/**
	 * Passive checking: failures that the application reports ({@code PassiveChecks}, the
	 * {@code DataSource} wrapper of the {@code datasource} check, a Resilience4j circuit breaker of
	 * the check's name) run the check at once instead of at its next interval.
	 *
	 * @param failures Failures reported in a row that run the check at once, at most once per
	 * check timeout; a reported success starts the count again. 0 turns passive checking off.
	 */
	public record Passive(@DefaultValue("" + CheckSettings.DEFAULT_PASSIVE_FAILURES) int failures) {
	}

}
