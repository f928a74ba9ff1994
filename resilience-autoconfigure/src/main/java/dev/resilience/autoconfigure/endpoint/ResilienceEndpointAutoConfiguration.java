package dev.resilience.autoconfigure.endpoint;

import java.time.Clock;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.settings.ResilienceProperties;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The {@code supervisors} and {@code alarms} Actuator endpoints, when Actuator is on the class
 * path; exposed over HTTP only where the user includes them
 * ({@code management.endpoints.web.exposure.include}). Registers the records they return for
 * reflection, for Spring AOT and native images. What {@code supervisors} shows and allows is set
 * under {@code management.endpoint.supervisors} ({@link SupervisorsEndpointProperties}); every
 * write operation is audited by {@link OperatorAudit}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.resilience.autoconfigure.ResilienceAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ImportRuntimeHints(EndpointDescriptorsRuntimeHints.class)
@EnableConfigurationProperties(SupervisorsEndpointProperties.class)
public final class ResilienceEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SupervisionTreeLifecycle.class)
	@ConditionalOnAvailableEndpoint(SupervisorsEndpoint.class)
	SupervisorsEndpoint supervisorsEndpoint(SupervisionTreeLifecycle lifecycle,
			SupervisorsEndpointProperties properties, OperatorAudit audit) {
		return new SupervisorsEndpoint(lifecycle::tree, properties.getShowDetails(), properties.getRoles(),
				properties.getTriggerMinGap(), Clock.systemUTC(), audit);
	}

	@Bean
	@ConditionalOnMissingBean
	OperatorAudit resilienceOperatorAudit(ApplicationEventPublisher events) {
		return new OperatorAudit(events);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SupervisorsEndpoint.class)
	SupervisorsEndpointWebExtension supervisorsEndpointWebExtension(SupervisorsEndpoint endpoint) {
		return new SupervisorsEndpointWebExtension(endpoint);
	}

	/**
	 * Masks the webhook URL (a secret) in the {@code env} and {@code configprops} endpoints,
	 * even where the user shows values.
	 */
	@Bean
	@ConditionalOnBean(ResilienceProperties.class)
	SanitizingFunction resilienceWebhookUrlSanitizer(ResilienceProperties properties) {
		return SanitizingFunction.sanitizeValue().ifMatches((data) -> {
			String key = data.getLowerCaseKey();
			if (key.endsWith("webhook.url") || key.endsWith("webhook_url")) {
				return true;
			}
			String url = properties.alarms().webhook().url();
			return url != null && !url.isBlank() && url.equals(String.valueOf(data.getValue()));
		});
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Alarms.class)
	@ConditionalOnAvailableEndpoint(AlarmsEndpoint.class)
	AlarmsEndpoint alarmsEndpoint(Alarms alarms, OperatorAudit audit) {
		return new AlarmsEndpoint(alarms, audit);
	}

}
