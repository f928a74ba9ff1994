package dev.resilience.autoconfigure.ui;

import dev.resilience.autoconfigure.settings.ResilienceProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * Serves the status page where Actuator is served: Spring Boot imports this configuration into
 * the application's context, or into the management context when Actuator runs on its own port
 * ({@code management.server.port}), so the page always sits beside the endpoints it reads. On
 * unless {@code resilience.ui.enabled=false} (or {@code resilience.enabled=false}); Spring MVC
 * and WebFlux each get their routes.
 *
 * @since 0.1.0
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "resilience.ui.enabled", matchIfMissing = true)
@Import({ ServletStatusPageRoutes.class, ReactiveStatusPageRoutes.class })
@ImportRuntimeHints(StatusPageRuntimeHints.class)
public final class StatusPageManagementContextConfiguration {

	private static final EndpointId SUPERVISORS = EndpointId.of("supervisors");

	@Bean
	@ConditionalOnMissingBean
	StatusPage resilienceStatusPage(Environment environment, ObjectProvider<WebEndpointProperties> webEndpoint,
			ObjectProvider<EndpointAccessResolver> accessResolver) {
		ResilienceProperties.Ui ui = Binder.get(environment).bindOrCreate("resilience.ui", ResilienceProperties.Ui.class);
		String actuatorPath = webEndpoint.getIfAvailable(WebEndpointProperties::new).getBasePath();
		Access access = accessResolver.getIfAvailable(() -> new PropertiesEndpointAccessResolver(environment))
			.accessFor(SUPERVISORS, Access.READ_ONLY);
		return new StatusPage(ui.path(), actuatorPath, access == Access.UNRESTRICTED);
	}

}
