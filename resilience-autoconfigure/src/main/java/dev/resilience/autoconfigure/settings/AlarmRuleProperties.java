package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The debounce and hold of the alarms one {@code resilience.alarms.rules} key matches.
 *
 * @param debounce How long an alarm must stay set before its set is visible to health, handlers,
 * remedies, the alarms endpoint and meters. Zero: at once.
 * @param hold How long an alarm must stay clear before its clear is visible. Zero: at once.
 * @since 0.1.0
 */
public record AlarmRuleProperties(@DefaultValue("0s") Duration debounce, @DefaultValue("0s") Duration hold) {
}
