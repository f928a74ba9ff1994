package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import dev.resilience.supervisor.Intensity;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The root supervisor above every worker's sub-supervisor.
 *
 * @param maxRestarts Restarts of sub-supervisors the root allows within the period before it gives
 * up.
 * @param period Period of the root supervisor's restart intensity.
 * @param onExhausted What happens when the root supervisor gives up.
 * @since 0.1.0
 */
public record SupervisorProperties(@DefaultValue("" + Intensity.DEFAULT_MAX_RESTARTS) int maxRestarts,
		Duration period, @DefaultValue("liveness") OnExhausted onExhausted) {

	public SupervisorProperties {
		period = (period != null) ? period : Intensity.DEFAULT.period();
	}

}
