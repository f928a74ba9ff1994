package dev.resilience.autoconfigure.settings;

import java.time.Duration;

/**
 * The debounce and hold of the alarms one rule key matches: {@code resilience.alarms.rules.<id or
 * pattern>.*}.
 *
 * @since 0.1.0
 */
public class AlarmRuleProperties {

	/**
	 * How long an alarm must stay set before its set is visible to health, handlers, remedies,
	 * the alarms endpoint and meters. Zero: at once.
	 */
	private Duration debounce = Duration.ZERO;

	/**
	 * How long an alarm must stay clear before its clear is visible. Zero: at once.
	 */
	private Duration hold = Duration.ZERO;

	public Duration getDebounce() {
		return this.debounce;
	}

	public void setDebounce(Duration debounce) {
		this.debounce = debounce;
	}

	public Duration getHold() {
		return this.hold;
	}

	public void setHold(Duration hold) {
		this.hold = hold;
	}

}
