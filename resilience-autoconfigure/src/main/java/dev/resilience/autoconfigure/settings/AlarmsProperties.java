package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.resilience.alarm.AlarmsBuilder;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The alarm list, its handlers and the webhook.
 *
 * @since 0.1.0
 */
public class AlarmsProperties {

	/**
	 * How many recent alarm transitions the history keeps.
	 */
	private int historySize = AlarmsBuilder.DEFAULT_HISTORY_SIZE;

	/**
	 * How long one alarm handler call may take before it is interrupted.
	 */
	private Duration handlerTimeout = AlarmsBuilder.DEFAULT_HANDLER_TIMEOUT;

	/**
	 * How many transitions may wait for one handler before later ones are dropped for it.
	 */
	private int handlerQueueCapacity = AlarmsBuilder.DEFAULT_HANDLER_QUEUE_CAPACITY;

	/**
	 * Managed alarms: debounce and hold, keyed by alarm id or by a pattern in which * stands for
	 * any characters. Write a key with * or a space in brackets: "[*_crashing]". An exact id beats
	 * every pattern; among patterns, the one with the most characters other than * wins.
	 */
	private final Map<String, AlarmRuleProperties> rules = new LinkedHashMap<>();

	@NestedConfigurationProperty
	private final WebhookProperties webhook = new WebhookProperties();

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		this.historySize = historySize;
	}

	public Duration getHandlerTimeout() {
		return this.handlerTimeout;
	}

	public void setHandlerTimeout(Duration handlerTimeout) {
		this.handlerTimeout = handlerTimeout;
	}

	public int getHandlerQueueCapacity() {
		return this.handlerQueueCapacity;
	}

	public void setHandlerQueueCapacity(int handlerQueueCapacity) {
		this.handlerQueueCapacity = handlerQueueCapacity;
	}

	public Map<String, AlarmRuleProperties> getRules() {
		return this.rules;
	}

	public WebhookProperties getWebhook() {
		return this.webhook;
	}

}
