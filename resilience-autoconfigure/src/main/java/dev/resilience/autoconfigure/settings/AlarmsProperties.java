package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.Map;

import dev.resilience.alarm.AlarmsBuilder;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alarm list, its handlers and the webhook.
 *
 * @param historySize How many recent alarm transitions the history keeps.
 * @param handlerTimeout How long one alarm handler call may take before it is interrupted.
 * @param handlerQueueCapacity How many transitions may wait for one handler before later ones
 * are dropped for it.
 * @param rules Managed alarms: debounce and hold, keyed by alarm id or by a pattern in which *
 * stands for any characters. Write a key with * or a space in brackets: "[*_crashing]". An exact
 * id beats every pattern; among patterns, the one with the most characters other than * wins.
 * @param webhook A Slack-compatible incoming webhook that hears every alarm set and clear.
 * @since 0.1.0
 */
public record AlarmsProperties(@DefaultValue("" + AlarmsBuilder.DEFAULT_HISTORY_SIZE) int historySize,
		Duration handlerTimeout,
		@DefaultValue("" + AlarmsBuilder.DEFAULT_HANDLER_QUEUE_CAPACITY) int handlerQueueCapacity,
		@DefaultValue Map<String, AlarmRuleProperties> rules,
		@DefaultValue @NestedConfigurationProperty WebhookProperties webhook) {

	public AlarmsProperties {
		handlerTimeout = (handlerTimeout != null) ? handlerTimeout : AlarmsBuilder.DEFAULT_HANDLER_TIMEOUT;
	}

}
