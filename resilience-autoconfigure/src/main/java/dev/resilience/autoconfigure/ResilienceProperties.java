package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the resilience starter.
 */
@ConfigurationProperties("resilience")
public class ResilienceProperties {

	/**
	 * Whether the resilience starter is enabled: supervised workers run only when it is.
	 */
	private boolean enabled = true;

	private final Supervisor supervisor = new Supervisor();

	private final Scheduler scheduler = new Scheduler();

	private final Alarms alarms = new Alarms();

	/**
	 * Per-check settings, keyed by check name: a DependencyCheck bean's name, or "datasource"
	 * for the built-in one.
	 */
	private final Map<String, Check> checks = new LinkedHashMap<>();

	/**
	 * Per-worker overrides of the @SupervisedWorker attributes, keyed by worker name.
	 */
	private final Map<String, Worker> workers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Supervisor getSupervisor() {
		return this.supervisor;
	}

	public Scheduler getScheduler() {
		return this.scheduler;
	}

	public Map<String, Worker> getWorkers() {
		return this.workers;
	}

	public Alarms getAlarms() {
		return this.alarms;
	}

	public Map<String, Check> getChecks() {
		return this.checks;
	}

	/** Settings of one dependency check. */
	public static class Check {

		/**
		 * Delay between two checks.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * How long one check may take; past it the check counts as failed. Defaults to the
		 * interval.
		 */
		private Duration timeout;

		/**
		 * Passing checks in a row before the check is CONNECTED and its alarm clears.
		 */
		private int passingChecks = 3;

		/**
		 * Id of the alarm set while the check fails. Defaults to <name>_disconnected.
		 */
		private String alarm;

		/**
		 * Severity of that alarm.
		 */
		private dev.resilience.alarm.Severity severity = dev.resilience.alarm.Severity.CRITICAL;

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

	/** The alarm list, its handlers and the webhook. */
	public static class Alarms {

		/**
		 * How many recent alarm transitions the history keeps.
		 */
		private int historySize = 100;

		/**
		 * How long one alarm handler call may take before it is interrupted.
		 */
		private Duration handlerTimeout = Duration.ofSeconds(30);

		/**
		 * How many transitions may wait for one handler before later ones are dropped for it.
		 */
		private int handlerQueueCapacity = 10_000;

		private final Webhook webhook = new Webhook();

		public int getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(int historySize) {
			this.historySize = historySize;
		}

		public Duration getHandlerTimeout() {
			return this.handlerTimeout;
		}

		public void setHandlerTimeout(Duration handlerTimeout) {
			this.handlerTimeout = handlerTimeout;
		}

		public int getHandlerQueueCapacity() {
			return this.handlerQueueCapacity;
		}

		public void setHandlerQueueCapacity(int handlerQueueCapacity) {
			this.handlerQueueCapacity = handlerQueueCapacity;
		}

		public Webhook getWebhook() {
			return this.webhook;
		}

	}

	/** A Slack-compatible incoming webhook that hears every alarm set and clear. */
	public static class Webhook {

		/**
		 * Slack-compatible incoming webhook URL; a secret, never logged. Unset: no webhook.
		 */
		private String url;

		/**
		 * How long one webhook request may take.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Retries after a failed webhook request (an I/O error or a 5xx answer).
		 */
		private int maxRetries = 3;

		/**
		 * Wait before the first retry; doubled before each next one.
		 */
		private Duration backoff = Duration.ofMillis(500);

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

	}

	/** The root supervisor above every worker's sub-supervisor. */
	public static class Supervisor {

		/**
		 * Restarts of sub-supervisors the root allows within the period before it gives up.
		 */
		private int maxRestarts = 3;

		/**
		 * Period of the root supervisor's restart intensity.
		 */
		private Duration period = Duration.ofSeconds(5);

		/**
		 * What happens when the root supervisor gives up.
		 */
		private OnExhausted onExhausted = OnExhausted.LIVENESS;

		public int getMaxRestarts() {
			return this.maxRestarts;
		}

		public void setMaxRestarts(int maxRestarts) {
			this.maxRestarts = maxRestarts;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public OnExhausted getOnExhausted() {
			return this.onExhausted;
		}

		public void setOnExhausted(OnExhausted onExhausted) {
			this.onExhausted = onExhausted;
		}

	}

	/** What the application does when the root supervisor gives up. */
	public enum OnExhausted {

		/** Publish LivenessState.BROKEN, so an orchestrator restarts the instance. */
		LIVENESS,

		/** Close the application context and exit the JVM with status 1. */
		SHUTDOWN,

		/** Only log; the application keeps running without its workers. */
		LOG

	}

	/** The scheduler that runs workers, unless a bean named resilienceTaskScheduler is defined. */
	public static class Scheduler {

		/**
		 * Threads that run workers, when not on virtual threads.
		 */
		private int poolSize = 4;

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

	}

	/** Overrides of one worker's @SupervisedWorker attributes. */
	public static class Worker {

		/**
		 * Delay between the end of one run and the start of the next.
		 */
		private Duration interval;

		/**
		 * Delay before the first run. Defaults to the interval.
		 */
		private Duration initialDelay;

		/**
		 * Period of the worker's sub-supervisor restart intensity. Defaults to 5s.
		 */
		private Duration period;

		/**
		 * Restarts allowed within the period; -1 derives ceil(period / interval) + 1.
		 */
		private Integer maxRestarts;

		/**
		 * How long a run may take before it is interrupted and counted as a crash.
		 */
		private Duration timeout;

		/**
		 * How long a run in progress may take to finish at shutdown before it is interrupted.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

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
		private int alarmAfterFailures = 3;

		/**
		 * Severity of the alarm <name>_crashing.
		 */
		private dev.resilience.alarm.Severity alarmSeverity = dev.resilience.alarm.Severity.MINOR;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
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

	}

}
