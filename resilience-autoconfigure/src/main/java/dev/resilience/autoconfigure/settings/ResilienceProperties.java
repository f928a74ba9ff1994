package dev.resilience.autoconfigure.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the resilience starter.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "resilience", ignoreUnknownFields = false)
public class ResilienceProperties {

	/**
	 * Whether the resilience starter is enabled. When false, nothing of it runs: no worker, alarm,
	 * check, health contributor, endpoint or meter, and unknown keys are not checked.
	 */
	private boolean enabled = true;

	@NestedConfigurationProperty
	private final SupervisorProperties supervisor = new SupervisorProperties();

	@NestedConfigurationProperty
	private final SchedulerProperties scheduler = new SchedulerProperties();

	@NestedConfigurationProperty
	private final ScheduledProperties scheduled = new ScheduledProperties();

	@NestedConfigurationProperty
	private final AlarmsProperties alarms = new AlarmsProperties();

	@NestedConfigurationProperty
	private final UiProperties ui = new UiProperties();

	@NestedConfigurationProperty
	private final LoggingProperties logging = new LoggingProperties();

	/**
	 * Per-check settings, keyed by check name: a DependencyCheck bean's name, or "datasource"
	 * for the built-in one.
	 */
	private final Map<String, CheckProperties> checks = new LinkedHashMap<>();

	/**
	 * Per-worker overrides of the @SupervisedWorker attributes, keyed by worker name.
	 */
	private final Map<String, WorkerProperties> workers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SupervisorProperties getSupervisor() {
		return this.supervisor;
	}

	public SchedulerProperties getScheduler() {
		return this.scheduler;
	}

	public ScheduledProperties getScheduled() {
		return this.scheduled;
	}

	public Map<String, WorkerProperties> getWorkers() {
		return this.workers;
	}

	public AlarmsProperties getAlarms() {
		return this.alarms;
	}

	public Map<String, CheckProperties> getChecks() {
		return this.checks;
	}

	public UiProperties getUi() {
		return this.ui;
	}

	public LoggingProperties getLogging() {
		return this.logging;
	}

}
