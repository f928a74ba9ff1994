package dev.resilience.autoconfigure.settings;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the resilience starter.
 *
 * @param enabled Whether the resilience starter is enabled. When false, nothing of it runs: no
 * worker, alarm, check, health contributor, endpoint or meter, and unknown keys are not checked.
 * @param supervisor The root supervisor above every worker's sub-supervisor.
 * @param scheduler The threads that run workers.
 * @param scheduled How the starter treats Spring's @Scheduled methods.
 * @param alarms The alarm list, its handlers and the webhook.
 * @param ui The status page.
 * @param logging What the starter writes to the log about workers' crashes.
 * @param checks Per-check settings, keyed by check name: a DependencyCheck bean's name, or
 * "datasource" for the built-in one.
 * @param workers Per-worker overrides of the @SupervisedWorker attributes, keyed by worker name.
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "resilience", ignoreUnknownFields = false)
public record ResilienceProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue @NestedConfigurationProperty SupervisorProperties supervisor,
		@DefaultValue @NestedConfigurationProperty SchedulerProperties scheduler,
		@DefaultValue @NestedConfigurationProperty ScheduledProperties scheduled,
		@DefaultValue @NestedConfigurationProperty AlarmsProperties alarms,
		@DefaultValue @NestedConfigurationProperty UiProperties ui,
		@DefaultValue @NestedConfigurationProperty LoggingProperties logging,
		@DefaultValue Map<String, CheckProperties> checks, @DefaultValue Map<String, WorkerProperties> workers) {

	/** @return the properties as bound from no keys at all: every default */
	public static ResilienceProperties defaults() {
		return defaults(ResilienceProperties.class);
	}

	static <T> T defaults(Class<T> type) {
		return new Binder().bindOrCreate("resilience", type);
	}

}
