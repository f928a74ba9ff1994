package dev.resilience.tree;

import java.time.Duration;
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
 * @since 0.1.0
 */
public record WorkerSettings(WorkerSpec spec, Duration period, int maxRestarts, String group,
		boolean clusterSingleton, int alarmAfterFailures, Severity alarmSeverity) {

	/** The default period of a sub-supervisor's restart intensity: 5 seconds. */
	public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

	public WorkerSettings {
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(alarmSeverity, "alarmSeverity");
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
		if (group != null && group.isBlank()) {
			throw new IllegalArgumentException("group of worker '" + spec.name() + "' must not be blank");
		}
	}

	/**
	 * A worker alone in its sub-supervisor with the defaults: a derived limit over 5 s, not a
	 * cluster singleton, a MINOR crash-loop alarm after 3 failed runs in a row.
	 * @param spec the worker's spec
	 * @return the settings
	 */
	public static WorkerSettings of(WorkerSpec spec) {
		return new WorkerSettings(spec, DEFAULT_PERIOD, -1, null, false, 3, Severity.MINOR);
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
				this.alarmAfterFailures, this.alarmSeverity);
	}

	/**
	 * @param clusterSingleton whether the worker runs on one instance at a time
	 * @return a copy with that choice
	 */
	public WorkerSettings withClusterSingleton(boolean clusterSingleton) {
		return new WorkerSettings(this.spec, this.period, this.maxRestarts, this.group, clusterSingleton,
				this.alarmAfterFailures, this.alarmSeverity);
	}

}
