package dev.resilience.event;

import dev.resilience.alarm.Alarm;

/**
 * An alarm was set.
 *
 * @param alarm the alarm
 */
public record AlarmSetEvent(Alarm alarm) {
}
