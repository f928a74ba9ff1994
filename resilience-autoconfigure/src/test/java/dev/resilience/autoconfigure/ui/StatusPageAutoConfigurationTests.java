package dev.resilience.autoconfigure.ui;

import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the status page is configured: Servlet and reactive web applications, beside Actuator,
 * on unless switched off.
 */
class StatusPageAutoConfigurationTests {

	private static final AutoConfigurations ACTUATOR = AutoConfigurations.of(EndpointAutoConfiguration.class,
			WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withConfiguration(ACTUATOR);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(ACTUATOR);

	@Test
	void servletApplicationGetsThePageAndItsMvcRoutes() {
		this.servlet.run((context) -> {
			assertThat(context).hasSingleBean(StatusPage.class);
			assertThat(context.getBean(StatusPage.class).path()).isEqualTo("/resilience");
			assertThat(context).hasBean("resilienceStatusPageRoutes");
			assertThat(context.getBean("resilienceStatusPageRoutes"))
				.isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class);
		});
	}

	@Test
	void reactiveApplicationGetsThePageAndItsWebFluxRoutes() {
		this.reactive.run((context) -> {
			assertThat(context).hasSingleBean(StatusPage.class);
			assertThat(context.getBean("resilienceStatusPageRoutes"))
				.isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class);
		});
	}

	@Test
	void reactiveApplicationServesThePageOverHttp() {
		this.reactive.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class))
			.withPropertyValues("resilience.ui.path=/ops/status")
			.run((context) -> {
				WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
				client.get().uri("/ops/status").exchange().expectStatus().isOk()
					.expectHeader().contentTypeCompatibleWith("text/html")
					.expectBody(String.class).value((html) -> assertThat(html)
						.contains("data-actuator=\"/actuator\"").contains("src=\"/ops/status/status.js\""));
				client.get().uri("/ops/status/status.js").exchange().expectStatus().isOk()
					.expectHeader().contentTypeCompatibleWith("text/javascript");
				client.get().uri("/ops/status/status.css").exchange().expectStatus().isOk()
					.expectHeader().contentTypeCompatibleWith("text/css");
			});
	}

	@Test
	void offWithTheSwitch() {
		this.servlet.withPropertyValues("resilience.ui.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StatusPage.class)
				.doesNotHaveBean("resilienceStatusPageRoutes"));
		this.reactive.withPropertyValues("resilience.ui.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StatusPage.class));
	}

	@Test
	void offWithTheStarter() {
		this.servlet.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(StatusPage.class));
	}

	@Test
	void notInAnApplicationWithoutAWebServer() {
		new ApplicationContextRunner().withConfiguration(ACTUATOR)
			.run((context) -> assertThat(context).doesNotHaveBean(StatusPage.class));
	}

	@Test
	void onlyWhereActuatorServesItsEndpoints() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(StatusPage.class));
	}

	@Test
	void buttonsOnlyWhenTheSupervisorsWriteOperationIsGranted() {
		this.servlet.run((context) -> assertThat(context.getBean(StatusPage.class).html(""))
			.contains("data-write=\"false\""));
		this.servlet.withPropertyValues("management.endpoint.supervisors.access=unrestricted")
			.run((context) -> assertThat(context.getBean(StatusPage.class).html(""))
				.contains("data-write=\"true\""));
		this.servlet
			.withPropertyValues("management.endpoint.supervisors.access=unrestricted",
					"management.endpoints.access.max-permitted=read-only")
			.run((context) -> assertThat(context.getBean(StatusPage.class).html(""))
				.contains("data-write=\"false\""));
	}

	@Test
	void readsTheEndpointsWhereActuatorIs() {
		this.servlet.withPropertyValues("management.endpoints.web.base-path=/manage")
			.run((context) -> assertThat(context.getBean(StatusPage.class).html("/shop"))
				.contains("data-actuator=\"/shop/manage\""));
	}

	@Test
	void aBadPathFailsStartUpNamingTheProperty() {
		this.servlet.withPropertyValues("resilience.ui.path=status page").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidResiliencePropertyException.class)
				.hasMessageContaining("resilience.ui.path")
				.hasMessageContaining("'status page'");
		});
	}

	@Test
	void aUserPageBacksTheStarterOff() {
		this.servlet.withUserConfiguration(OwnPage.class)
			.run((context) -> assertThat(context.getBean(StatusPage.class).path()).isEqualTo("/mine"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPage {

		@Bean
		StatusPage statusPage() {
			return new StatusPage("/mine", "/actuator", false);
		}

	}

}
