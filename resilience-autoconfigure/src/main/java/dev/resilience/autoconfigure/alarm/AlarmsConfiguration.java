package dev.resilience.autoconfigure.alarm;

import java.net.URI;
import java.time.Duration;

import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.AlarmObserver;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.AlarmsBuilder;
import dev.resilience.alarm.CrashLoopAlarms;
import dev.resilience.alarm.LoggingAlarmHandler;
import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.webhook.WebhookAlarmHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of alarms, imported by {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class AlarmsConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Alarms alarms(ResilienceProperties properties, ObjectProvider<AlarmHandler> handlers,
			ObjectProvider<AlarmObserver> observers) {
		ResilienceProperties.Alarms config = properties.getAlarms();
		requireAtLeast("resilience.alarms.history-size", config.getHistorySize(), 0);
		requireAtLeast("resilience.alarms.handler-queue-capacity", config.getHandlerQueueCapacity(), 1);
		requirePositive("resilience.alarms.handler-timeout", config.getHandlerTimeout());
		AlarmsBuilder builder = Alarms.builder()
			.historySize(config.getHistorySize())
			.handlerQueueCapacity(config.getHandlerQueueCapacity())
			.handlerTimeout(config.getHandlerTimeout())
			.observer(AlarmObserver.composite(observers.orderedStream().toList()))
			.handler(new LoggingAlarmHandler());
		handlers.orderedStream().forEach(builder::handler);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	AlarmEventPublisher alarmEventPublisher(ApplicationEventPublisher publisher) {
		return new AlarmEventPublisher(publisher);
	}

	@Bean
	@ConditionalOnProperty("resilience.alarms.webhook.url")
	@ConditionalOnMissingBean
	WebhookAlarmHandler webhookAlarmHandler(ResilienceProperties properties) {
		ResilienceProperties.Webhook webhook = properties.getAlarms().getWebhook();
		URI url;
		try {
			url = URI.create(webhook.getUrl().trim());
		}
		catch (IllegalArgumentException ex) {
			url = null;
		}
		if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			// the URL is a secret: name the property, never the value
			throw new InvalidResiliencePropertyException("resilience.alarms.webhook.url", "(hidden)",
					"an absolute http or https URL");
		}
		requirePositive("resilience.alarms.webhook.timeout", webhook.getTimeout());
		requireAtLeast("resilience.alarms.webhook.max-retries", webhook.getMaxRetries(), 0);
		requirePositive("resilience.alarms.webhook.backoff", webhook.getBackoff());
		return new WebhookAlarmHandler(url, webhook.getTimeout(), webhook.getMaxRetries(), webhook.getBackoff());
	}

	@Bean
	@ConditionalOnMissingBean
	CrashLoopAlarms crashLoopAlarms(Alarms alarms, ResilienceProperties properties) {
		return new CrashLoopAlarms(alarms, (worker) -> {
			ResilienceProperties.Worker overrides = properties.getWorkers().get(worker);
			return (overrides != null)
					? new CrashLoopAlarms.Policy(overrides.getAlarmAfterFailures(), overrides.getAlarmSeverity())
					: CrashLoopAlarms.Policy.DEFAULT;
		});
	}

	@Bean
	static RemedyAnnotationProcessor remedyAnnotationProcessor() {
		return new RemedyAnnotationProcessor();
	}

	private static void requireAtLeast(String property, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidResiliencePropertyException(property, value, "a whole number of " + minimum + " or more");
		}
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidResiliencePropertyException(property, value,
					"a positive duration such as 500ms, 1s or 2m");
		}
	}

}
