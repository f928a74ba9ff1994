package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.List;

import dev.resilience.alarm.Severity;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.tree.WorkerSettings;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Overrides of one worker's @SupervisedWorker attributes; an unset override is {@code null}.
 *
 * @param interval Delay between the end of one run and the start of the next. Replaces the
 * annotation's schedule (interval, fixedRate or cron).
 * @param fixedRate Time between the starts of two runs. Replaces the annotation's schedule.
 * @param cron Cron expression (second minute hour day month weekday, or a macro such as @hourly).
 * Replaces the annotation's schedule.
 * @param zone Time zone of the cron expression, such as Europe/Oslo. Defaults to the JVM's.
 * @param initialDelay Delay before the first run; the annotation's default is one interval. Not
 * with cron.
 * @param period Period of the sub-supervisor's restart intensity; the annotation's default is 5s.
 * @param maxRestarts Restarts allowed within the period; -1, the annotation's default, derives
 * ceil(period / interval) + 1.
 * @param timeout How long a run may take before it is interrupted and counted as a crash.
 * @param shutdownTimeout How long a run in progress may take to finish at shutdown before it is
 * interrupted.
 * @param enabled Whether the worker runs.
 * @param clusterSingleton Whether the worker runs on one instance at a time, under a lease in the
 * application's database (or a ShedLock lock, with resilience.cluster.leases=shedlock).
 * @param alarmAfterFailures Failed runs in a row that set the alarm {@code <name>_crashing} (cleared after
 * 3 successful runs in a row).
 * @param alarmSeverity Severity of the alarm {@code <name>_crashing}.
 * @param alarmFailureRate Failure rate in percent (1 to 100) over the last alarm-window runs that
 * also sets {@code <name>_crashing}, cleared once at most half of it. Off when unset or 0.
 * @param alarmWindow Runs the alarm-failure-rate is taken over, judged once full. Defaults to 20.
 * @param backoff Restart backoff: the delay between a crash and the restarted worker's first run.
 * @param dependsOn Checks the worker waits for: while one is DEGRADED, the worker is parked (no
 * run starts, no crash counts).
 * @param staleAfter Time without a successful run before the alarm {@code <name>_stale} is set; at least
 * the interval. Off when unset.
 * @param staleSeverity Severity of the alarm {@code <name>_stale}.
 * @param leaseTime How long this cluster singleton's lease is held unless renewed (it is renewed
 * every third of it). Defaults to resilience.cluster.lease-time.
 * @since 0.1.0
 */
public record WorkerProperties(Duration interval, Duration fixedRate, String cron, String zone, Duration initialDelay,
		Duration period, Integer maxRestarts, Duration timeout, Duration shutdownTimeout,
		@DefaultValue("true") boolean enabled, Boolean clusterSingleton,
		@DefaultValue("" + WorkerSettings.DEFAULT_ALARM_AFTER_FAILURES) int alarmAfterFailures,
		Severity alarmSeverity, Integer alarmFailureRate, Integer alarmWindow, @DefaultValue BackoffProperties backoff,
		List<String> dependsOn, Duration staleAfter, Severity staleSeverity, Duration leaseTime) {

	public WorkerProperties {
		shutdownTimeout = (shutdownTimeout != null) ? shutdownTimeout : ChildSpec.DEFAULT_SHUTDOWN_TIMEOUT;
		alarmSeverity = (alarmSeverity != null) ? alarmSeverity : WorkerSettings.DEFAULT_ALARM_SEVERITY;
		staleSeverity = (staleSeverity != null) ? staleSeverity : WorkerSettings.DEFAULT_ALARM_SEVERITY;
	}

}
