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

	}

}
