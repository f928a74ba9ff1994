package dev.resilience.event;

import dev.resilience.alarm.Alarm;

/**
 * An alarm was cleared.
 *
 * @param alarm the alarm as it was while set
 */
public record AlarmClearedEvent(Alarm alarm) {
}
