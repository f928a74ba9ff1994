package dev.resilience.tree;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.resilience.alarm.Severity;
import dev.resilience.worker.WorkerSpec;

/**
 * Everything about one worker that the {@link SupervisionTree} needs, resolved and validated:
 * its spec (timing, restart type, shutdown timeout), its sub-supervisor's intensity, its group,
 * whether it is a cluster singleton, and when it raises its crash-loop alarm. Immutable.
 *
 * @param spec the worker's timing, restart type and shutdown timeout
 * @param period the period of its sub-supervisor's restart intensity, positive
 * @param maxRestarts its sub-supervisor's restart limit, {@code -1} to derive
 * {@code ceil(period / interval) + 1}
 * @param group the group whose {@code ONE_FOR_ALL} sub-supervisor it shares, or {@code null}
 * @param clusterSingleton whether it runs on one instance at a time, under the cluster lock
 * @param alarmAfterFailures failed runs in a row that set {@code <name>_crashing}, 1 or more
 * @param alarmSeverity that alarm's severity
 * @param dependsOn the names of the checks it waits for: while any is DEGRADED the worker is
 * parked; empty for none
 * @param staleAfter how long it may go without a successful run before {@code <name>_stale} is
 * set, or {@code null} for never
 * @param staleSeverity that alarm's severity
 * @param alarmFailureRate the failure rate over the last {@code alarmWindow} runs, in percent (1 to
 * 100), that also sets {@code <name>_crashing} (see {@link FailureRateWindow}); 0 for no rate rule
 * @param alarmWindow the runs that failure rate is taken over, 1 or more
 * @param leaseTime how long a cluster singleton's lease is held unless renewed, or {@code null}
 * for the tree's ({@link SupervisionTreeBuilder#leases}); only for a cluster singleton on leases
 * @since 0.1.0
 */
public record WorkerSettings(WorkerSpec spec, Duration period, int maxRestarts, String group,
		boolean clusterSingleton, int alarmAfterFailures, Severity alarmSeverity, List<String> dependsOn,
		Duration staleAfter, Severity staleSeverity, int alarmFailureRate, int alarmWindow, Duration leaseTime) {

	/** The default number of runs the crash-loop alarm's failure rate is taken over: 20. */
	public static final int DEFAULT_ALARM_WINDOW = 20;

	/** The default period of a sub-supervisor's restart intensity: 5 seconds. */
	public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

	/** The default number of failed runs in a row that set {@code <name>_crashing}: 3. */
	public static final int DEFAULT_ALARM_AFTER_FAILURES = 3;

	/** The default severity of {@code <name>_crashing} and {@code <name>_stale}: MINOR. */
	public static final Severity DEFAULT_ALARM_SEVERITY = Severity.MINOR;

	public WorkerSettings {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(alarmSeverity, "alarmSeverity");
		Objects.requireNonNull(staleSeverity, "staleSeverity");
		dependsOn = List.copyOf(Objects.requireNonNull(dependsOn, "dependsOn"));
		if (period.isZero() || period.isNegative()) {
			throw new IllegalArgumentException(
					"period of worker '" + spec.name() + "' must be a positive duration, was " + period);
		}
		if (maxRestarts < -1) {
			throw new IllegalArgumentException("maxRestarts of worker '" + spec.name()
					+ "' must be -1 (derived) or 0 or more, was " + maxRestarts);
		}
		if (alarmAfterFailures < 1) {
			throw new IllegalArgumentException("alarmAfterFailures of worker '" + spec.name()
					+ "' must be 1 or more, was " + alarmAfterFailures);
		}
		if (staleAfter != null && staleAfter.compareTo(spec.interval()) < 0) {
			throw new IllegalArgumentException("staleAfter of worker '" + spec.name() + "' must be at least its interval ("
					+ spec.interval() + "), was " + staleAfter);
		}
		if (alarmFailureRate < 0 || alarmFailureRate > 100) {
			throw new IllegalArgumentException("alarmFailureRate of worker '" + spec.name()
					+ "' must be 0 (off) to 100 percent, was " + alarmFailureRate);
		}
		if (alarmWindow < 1) {
			throw new IllegalArgumentException(
					"alarmWindow of worker '" + spec.name() + "' must be 1 or more, was " + alarmWindow);
		}
		if (group != null && group.isBlank()) {
			throw new IllegalArgumentException("group of worker '" + spec.name() + "' must not be blank");
		}
		if (leaseTime != null && (leaseTime.isZero() || leaseTime.isNegative())) {
			throw new IllegalArgumentException(
					"leaseTime of worker '" + spec.name() + "' must be a positive duration, was " + leaseTime);
		}
	}

	/**
	 * Settings with the tree's lease time.
	 * @param spec the worker's timing, restart type and shutdown timeout
	 * @param period the period of its sub-supervisor's restart intensity
	 * @param maxRestarts its sub-supervisor's restart limit, {@code -1} to derive
	 * @param group its group, or {@code null}
	 * @param clusterSingleton whether it runs on one instance at a time
	 * @param alarmAfterFailures failed runs in a row that set {@code <name>_crashing}
	 * @param alarmSeverity that alarm's severity
	 * @param dependsOn the names of the checks it waits for
	 * @param staleAfter how long without a successful run sets {@code <name>_stale}, or {@code null}
	 * @param staleSeverity that alarm's severity
	 * @param alarmFailureRate the failure rate that also sets {@code <name>_crashing}, 0 for none
	 * @param alarmWindow the runs that failure rate is taken over
	 */
	public WorkerSettings(WorkerSpec spec, Duration period, int maxRestarts, String group, boolean clusterSingleton,
			int alarmAfterFailures, Severity alarmSeverity, List<String> dependsOn, Duration staleAfter,
			Severity staleSeverity, int alarmFailureRate, int alarmWindow) {
		this(spec, period, maxRestarts, group, clusterSingleton, alarmAfterFailures, alarmSeverity, dependsOn,
				staleAfter, staleSeverity, alarmFailureRate, alarmWindow, null);
	}

	/**
	 * Settings with no failure-rate rule.
	 * @param spec the worker's timing, restart type and shutdown timeout
	 * @param period the period of its sub-supervisor's restart intensity
	 * @param maxRestarts its sub-supervisor's restart limit, {@code -1} to derive
	 * @param group its group, or {@code null}
	 * @param clusterSingleton whether it runs on one instance at a time
	 * @param alarmAfterFailures failed runs in a row that set {@code <name>_crashing}
	 * @param alarmSeverity that alarm's severity
	 * @param dependsOn the names of the checks it waits for
	 * @param staleAfter how long without a successful run sets {@code <name>_stale}, or {@code null}
	 * @param staleSeverity that alarm's severity
	 */
	public WorkerSettings(WorkerSpec spec, Duration period, int maxRestarts, String group, boolean clusterSingleton,
			int alarmAfterFailures, Severity alarmSeverity, List<String> dependsOn, Duration staleAfter,
			Severity staleSeverity) {
		this(spec, period, maxRestarts, group, clusterSingleton, alarmAfterFailures, alarmSeverity, dependsOn,
				staleAfter, staleSeverity, 0, DEFAULT_ALARM_WINDOW);
	}

	/**
	 * Settings with no dependencies and no stale alarm.
	 * @param spec the worker's timing, restart type and shutdown timeout
	 * @param period the period of its sub-supervisor's restart intensity
	 * @param maxRestarts its sub-supervisor's restart limit, {@code -1} to derive
	 * @param group its group, or {@code null}
	 * @param clusterSingleton whether it runs on one instance at a time
	 * @param alarmAfterFailures failed runs in a row that set {@code <name>_crashing}
	 * @param alarmSeverity that alarm's severity
	 */
	public WorkerSettings(WorkerSpec spec, Duration period, int maxRestarts, String group, boolean clusterSingleton,
			int alarmAfterFailures, Severity alarmSeverity) {
		this(spec, period, maxRestarts, group, clusterSingleton, alarmAfterFailures, alarmSeverity, List.of(), null,
				Severity.MINOR);
	}

	/**
	 * A worker alone in its sub-supervisor with the defaults: a derived limit over 5 s, not a
	 * cluster singleton, a MINOR crash-loop alarm after 3 failed runs in a row.
	 * @param spec the worker's spec
	 * @return the settings
	 */
	public static WorkerSettings of(WorkerSpec spec) {
		return new WorkerSettings(spec, DEFAULT_PERIOD, -1, null, false, DEFAULT_ALARM_AFTER_FAILURES,
				DEFAULT_ALARM_SEVERITY);
	}

	/**
	 * A permanent worker with the defaults of {@link #of(WorkerSpec)} and
	 * {@link WorkerSpec#of(String, Duration)}.
	 * @param name the worker's name
	 * @param interval the delay between runs
	 * @return the settings
	 */
	public static WorkerSettings of(String name, Duration interval) {
		return of(WorkerSpec.of(name, interval));
	}

	/** @return the worker's name */
	public String name() {
		return this.spec.name();
	}

	/**
	 * @param group a group name, or {@code null}
	 * @return a copy in that group
	 */
	public WorkerSettings withGroup(String group) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, group, this.clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity, this.dependsOn, this.staleAfter, this.staleSeverity,
				this.alarmFailureRate, this.alarmWindow, this.leaseTime);
	}

	/**
	 * @param clusterSingleton whether the worker runs on one instance at a time
	 * @return a copy with that choice
	 */
	public WorkerSettings withClusterSingleton(boolean clusterSingleton) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, this.group, clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity, this.dependsOn, this.staleAfter, this.staleSeverity,
				this.alarmFailureRate, this.alarmWindow, this.leaseTime);
	}

	/**
	 * @param checks the names of the checks the worker waits for
	 * @return a copy that depends on those checks
	 */
	public WorkerSettings withDependsOn(List<String> checks) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, this.group, this.clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity, checks, this.staleAfter, this.staleSeverity,
				this.alarmFailureRate, this.alarmWindow, this.leaseTime);
	}

	/**
	 * @param staleAfter how long without a successful run sets {@code <name>_stale}, or
	 * {@code null} for never
	 * @param severity that alarm's severity
	 * @return a copy with that stale alarm
	 */
	public WorkerSettings withStaleAfter(Duration staleAfter, Severity severity) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, this.group, this.clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity, this.dependsOn, staleAfter, severity,
				this.alarmFailureRate, this.alarmWindow, this.leaseTime);
	}

	/**
	 * @param percent the failure rate over the window, in percent (1 to 100), that also sets
	 * {@code <name>_crashing}; 0 for no rate rule
	 * @param window the runs that rate is taken over
	 * @return a copy with that failure-rate rule
	 */
	public WorkerSettings withAlarmFailureRate(int percent, int window) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, this.group, this.clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity, this.dependsOn, this.staleAfter, this.staleSeverity,
				percent, window, this.leaseTime);
	}

	/**
	 * @param leaseTime how long the worker's lease is held unless renewed, or {@code null} for the tree's
	 * @return a copy with that lease time
	 */
	public WorkerSettings withLeaseTime(Duration leaseTime) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, this.group, this.clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity, this.dependsOn, this.staleAfter, this.staleSeverity,
				this.alarmFailureRate, this.alarmWindow, leaseTime);
	}

	/** @return a new, empty window of the failure-rate rule, or {@code null} when there is none */
	FailureRateWindow newFailureRateWindow() {
		return (this.alarmFailureRate > 0) ? FailureRateWindow.of(this.alarmWindow, this.alarmFailureRate) : null;
	}

}
