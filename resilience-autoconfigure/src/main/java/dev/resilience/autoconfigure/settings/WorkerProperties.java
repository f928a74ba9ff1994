package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.tree.WorkerSettings;

/**
 * Overrides of one worker's @SupervisedWorker attributes.
 *
 * @since 0.1.0
 */
public class WorkerProperties {

	/**
	 * Delay between the end of one run and the start of the next (fixed delay). Replaces the
	 * annotation's schedule, @SupervisedWorker(interval, fixedRate or cron).
	 */
	private Duration interval;

	/**
	 * Time between the starts of two runs (fixed rate). Replaces the annotation's schedule.
	 */
	private Duration fixedRate;

	/**
	 * Cron expression (second minute hour day month weekday, or a macro such as @hourly).
	 * Replaces the annotation's schedule.
	 */
	private String cron;

	/**
	 * Time zone of the cron expression, such as Europe/Oslo. Defaults to the JVM's.
	 */
	private String zone;

	/**
	 * Delay before the first run. Overrides @SupervisedWorker(initialDelay), whose default is
	 * one interval. Not with cron.
	 */
	private Duration initialDelay;

	/**
	 * Period of the worker's sub-supervisor restart intensity. Overrides the annotation's
	 * period, @SupervisedWorker(period), whose default is 5s.
	 */
	private Duration period;

	/**
	 * Restarts allowed within the period; -1 derives ceil(period / interval) + 1. Overrides the
	 * annotation's value, @SupervisedWorker(maxRestarts), whose default is -1.
	 */
	private Integer maxRestarts;

	/**
	 * How long a run may take before it is interrupted and counted as a crash. Overrides the
	 * annotation's value, @SupervisedWorker(timeout), whose default is none.
	 */
	private Duration timeout;

	/**
	 * How long a run in progress may take to finish at shutdown before it is interrupted.
	 */
	private Duration shutdownTimeout = ChildSpec.DEFAULT_SHUTDOWN_TIMEOUT;

	/**
	 * Whether the worker runs.
	 */
	private boolean enabled = true;

	/**
	 * Whether the worker runs on one instance at a time, under a ShedLock cluster lock.
	 * Overrides @SupervisedWorker(clusterSingleton).
	 */
	private Boolean clusterSingleton;

	/**
	 * Failed runs in a row that set the alarm <name>_crashing (cleared after 3 successful
	 * runs in a row).
	 */
	private int alarmAfterFailures = WorkerSettings.DEFAULT_ALARM_AFTER_FAILURES;

	/**
	 * Severity of the alarm <name>_crashing.
	 */
	private dev.resilience.alarm.Severity alarmSeverity = WorkerSettings.DEFAULT_ALARM_SEVERITY;

	/**
	 * Failure rate over the last alarm-window runs, in percent (1 to 100), that also sets the
	 * alarm <name>_crashing, which then clears once the rate is at most half of it (and 3 runs in
	 * a row succeeded). Off when unset or 0.
	 */
	private Integer alarmFailureRate;

	/**
	 * Number of last runs the alarm-failure-rate is taken over (a count-based sliding window,
	 * judged once full). Defaults to 20.
	 */
	private Integer alarmWindow;

	/**
	 * Restart backoff: the delay between a crash and the restarted worker's first run.
	 */
	private final BackoffProperties backoff = new BackoffProperties();

	/**
	 * Names of the checks the worker waits for: while any of them is DEGRADED, the worker is
	 * parked (no run starts, no crash counts). Replaces @SupervisedWorker(dependsOn).
	 */
	private List<String> dependsOn;

	/**
	 * How long the worker may go without a successful run, since it started or since its last
	 * success, before the alarm <name>_stale is set; at least the interval. Off when unset.
	 */
	private Duration staleAfter;

	/**
	 * Severity of the alarm <name>_stale.
	 */
	private dev.resilience.alarm.Severity staleSeverity = WorkerSettings.DEFAULT_ALARM_SEVERITY;

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Duration getFixedRate() {
		return this.fixedRate;
	}

	public void setFixedRate(Duration fixedRate) {
		this.fixedRate = fixedRate;
	}

	public String getCron() {
		return this.cron;
	}

	public void setCron(String cron) {
		this.cron = cron;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		this.initialDelay = initialDelay;
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = period;
	}

	public Integer getMaxRestarts() {
		return this.maxRestarts;
	}

	public void setMaxRestarts(Integer maxRestarts) {
		this.maxRestarts = maxRestarts;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Boolean getClusterSingleton() {
		return this.clusterSingleton;
	}

	public void setClusterSingleton(Boolean clusterSingleton) {
		this.clusterSingleton = clusterSingleton;
	}

	public int getAlarmAfterFailures() {
		return this.alarmAfterFailures;
	}

	public void setAlarmAfterFailures(int alarmAfterFailures) {
		this.alarmAfterFailures = alarmAfterFailures;
	}

	public dev.resilience.alarm.Severity getAlarmSeverity() {
		return this.alarmSeverity;
	}

	public void setAlarmSeverity(dev.resilience.alarm.Severity alarmSeverity) {
		this.alarmSeverity = alarmSeverity;
	}

	public Integer getAlarmFailureRate() {
		return this.alarmFailureRate;
	}

	public void setAlarmFailureRate(Integer alarmFailureRate) {
		this.alarmFailureRate = alarmFailureRate;
	}

	public Integer getAlarmWindow() {
		return this.alarmWindow;
	}

	public void setAlarmWindow(Integer alarmWindow) {
		this.alarmWindow = alarmWindow;
	}

	public BackoffProperties getBackoff() {
		return this.backoff;
	}

	public List<String> getDependsOn() {
		return this.dependsOn;
	}

	public void setDependsOn(List<String> dependsOn) {
		this.dependsOn = (dependsOn != null) ? new ArrayList<>(dependsOn) : null;
	}

	public Duration getStaleAfter() {
		return this.staleAfter;
	}

	public void setStaleAfter(Duration staleAfter) {
		this.staleAfter = staleAfter;
	}

	public dev.resilience.alarm.Severity getStaleSeverity() {
		return this.staleSeverity;
	}

	public void setStaleSeverity(dev.resilience.alarm.Severity staleSeverity) {
		this.staleSeverity = staleSeverity;
	}

}
