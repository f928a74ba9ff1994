package dev.resilience.event;

import dev.resilience.alarm.Alarm;

/**
 * An alarm was set.
 *
 * @param alarm the alarm
 *
 * @since 0.1.0
 */
public record AlarmSetEvent(Alarm alarm) {
}
