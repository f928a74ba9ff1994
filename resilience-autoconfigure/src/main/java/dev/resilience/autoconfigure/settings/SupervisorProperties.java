package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import dev.resilience.supervisor.Intensity;

/**
 * The root supervisor above every worker's sub-supervisor.
 *
 * @since 0.1.0
 */
public class SupervisorProperties {

	/**
	 * Restarts of sub-supervisors the root allows within the period before it gives up.
	 */
	private int maxRestarts = Intensity.DEFAULT.maxRestarts();

	/**
	 * Period of the root supervisor's restart intensity.
	 */
	private Duration period = Intensity.DEFAULT.period();

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
