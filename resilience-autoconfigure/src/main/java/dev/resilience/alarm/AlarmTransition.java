package dev.resilience.alarm;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of an alarm, as kept in {@link Alarms#history()}.
 *
 * @param action set or cleared
 * @param alarm the alarm
 * @param at when it happened
 * @since 0.1.0
 */
public record AlarmTransition(Action action, Alarm alarm, Instant at) {

	public AlarmTransition {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(alarm, "alarm");
		Objects.requireNonNull(at, "at");
	}

	/**
	 * What happened to the alarm.
	 *
	 * @since 0.1.0
	 */
	public enum Action {

		/** It was set. */
		SET,

		/** It was cleared. */
		CLEARED

	}

}
