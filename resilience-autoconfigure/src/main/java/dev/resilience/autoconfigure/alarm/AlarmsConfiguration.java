package dev.resilience.autoconfigure.alarm;

import java.util.concurrent.Executor;

import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.AlarmObserver;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.AlarmsBuilder;
import dev.resilience.alarm.LoggingAlarmHandler;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.settings.WebhookSettings;
import dev.resilience.runtime.Timer;
import dev.resilience.webhook.WebhookAlarmHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of alarms, imported by {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class AlarmsConfiguration {

	/**
	 * The name of an optional {@code Executor} bean that calls alarm handlers and remedies instead
	 * of the alarm list's own threads (see {@link AlarmsBuilder#callbackExecutor}): the test kit's
	 * virtual time.
	 */
	public static final String CALLBACK_EXECUTOR_BEAN_NAME = "resilienceAlarmCallbacks";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Alarms alarms(ResilienceSettingsResolver settings, ObjectProvider<Timer> timer,
			ObjectProvider<AlarmHandler> handlers, ObjectProvider<AlarmObserver> observers,
			@Qualifier(CALLBACK_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> callbacks) {
		AlarmsBuilder builder = settings.alarms();
		timer.ifUnique(builder::timer); // else the alarm list's own, which the tree can share through Alarms.timer()
		callbacks.ifAvailable(builder::callbackExecutor);
		builder.observer(AlarmObserver.composite(observers.orderedStream().toList()))
			.handler(new LoggingAlarmHandler());
		handlers.orderedStream().forEach(builder::handler);
		return builder.build();
	}

	@Bean
	@ConditionalOnProperty("resilience.alarms.webhook.url")
	@ConditionalOnMissingBean
	WebhookAlarmHandler webhookAlarmHandler(ResilienceSettingsResolver settings) {
		WebhookSettings webhook = settings.webhook().orElseThrow();
		return new WebhookAlarmHandler(webhook.url(), webhook.timeout(), webhook.maxRetries(), webhook.backoff());
	}

	@Bean
	static RemedyAnnotationProcessor remedyAnnotationProcessor() {
		return new RemedyAnnotationProcessor();
	}

}
