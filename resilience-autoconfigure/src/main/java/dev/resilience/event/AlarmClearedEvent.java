package dev.resilience.event;

import dev.resilience.alarm.Alarm;

/**
 * An alarm was cleared.
 *
 * @param alarm the alarm as it was while set
 *
 * @since 0.1.0
 */
public record AlarmClearedEvent(Alarm alarm) {
}
