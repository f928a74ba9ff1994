package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import dev.resilience.check.CheckSettings;

/**
 * Settings of one dependency check.
 *
 * @since 0.1.0
 */
public class CheckProperties {

	/**
	 * Delay between two checks.
	 */
	private Duration interval = CheckSettings.DEFAULT_INTERVAL;

	/**
	 * How long one check may take; past it the check counts as failed. Defaults to the
	 * interval.
	 */
	private Duration timeout;

	/**
	 * Passing checks in a row before the check is CONNECTED and its alarm clears.
	 */
	private int passingChecks = CheckSettings.DEFAULT_PASSING_CHECKS;

	/**
	 * Id of the alarm set while the check fails. Defaults to <name>_disconnected.
	 */
	private String alarm;

	/**
	 * Severity of that alarm.
	 */
	private dev.resilience.alarm.Severity severity = CheckSettings.DEFAULT_SEVERITY;

	/**
	 * Whether the check runs.
	 */
	private boolean enabled = true;

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getPassingChecks() {
		return this.passingChecks;
	}

	public void setPassingChecks(int passingChecks) {
		this.passingChecks = passingChecks;
	}

	public String getAlarm() {
		return this.alarm;
	}

	public void setAlarm(String alarm) {
		this.alarm = alarm;
	}

	public dev.resilience.alarm.Severity getSeverity() {
		return this.severity;
	}

	public void setSeverity(dev.resilience.alarm.Severity severity) {
		this.severity = severity;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
