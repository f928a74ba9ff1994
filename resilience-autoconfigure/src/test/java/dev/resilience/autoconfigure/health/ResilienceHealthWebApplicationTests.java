package dev.resilience.autoconfigure.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole web applications (Spring MVC, Actuator, every auto-configuration on the class path)
 * asked over HTTP, as a load balancer asks them. Stand-in {@code alarms} and {@code checks}
 * contributors replace the starter's: the starter's other auto-configurations are excluded.
 */
class ResilienceHealthWebApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void degradedAlarmsAnswer503OnHealthAndReadinessWhileLivenessStays200() throws Exception {
		run();
		alarms().set(ResilienceStatus.DEGRADED);
		assertAnswer("/actuator/health", 503, "DEGRADED");
		assertAnswer("/actuator/health/readiness", 503, "DEGRADED");
		assertAnswer("/actuator/health/liveness", 200, "UP");
	}

	@Test
	void downAlarmsAnswer503() throws Exception {
		run();
		alarms().set(Status.DOWN);
		assertAnswer("/actuator/health", 503, "DOWN");
		assertAnswer("/actuator/health/readiness", 503, "DOWN");
		assertAnswer("/actuator/health/liveness", 200, "UP");
	}

	@Test
	void healthyContributorsAnswer200() throws Exception {
		run();
		assertAnswer("/actuator/health", 200, "UP");
		assertAnswer("/actuator/health/readiness", 200, "UP");
	}

	@Test
	void degradedCheckNestedInChecksTakesTheInstanceOutOfRotation() throws Exception {
		run();
		standIns().datasourceHealth.set(ResilienceStatus.DEGRADED);
		assertAnswer("/actuator/health/readiness", 503, "DEGRADED");
	}

	@Test
	void detailsAreHiddenByDefault() throws Exception {
		run();
		alarms().set(Health.status(ResilienceStatus.DEGRADED).withDetail("alarm", "payments_crashing").build());
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).doesNotContain("components", "details", "payments_crashing");
	}

	@Test
	void detailsFollowShowDetails() throws Exception {
		run("management.endpoint.health.show-details=always");
		alarms().set(Health.status(ResilienceStatus.DEGRADED).withDetail("alarm", "payments_crashing").build());
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(503);
		String alarms = "$.components.alarms";
		assertThat(JsonPath.<String>read(response.body(), alarms + ".status")).isEqualTo("DEGRADED");
		assertThat(JsonPath.<String>read(response.body(), alarms + ".details.alarm")).isEqualTo("payments_crashing");
	}

	@Test
	void userHttpMappingOfDegradedWins() throws Exception {
		run("management.endpoint.health.status.http-mapping.degraded=200");
		alarms().set(ResilienceStatus.DEGRADED);
		assertAnswer("/actuator/health", 200, "DEGRADED");
		assertAnswer("/actuator/health/readiness", 200, "DEGRADED");
	}

	@Test
	void userHttpMappingOfDownAloneKeepsDegradedOn503() throws Exception {
		run("management.endpoint.health.status.http-mapping.down=500");
		alarms().set(ResilienceStatus.DEGRADED);
		assertAnswer("/actuator/health", 503, "DEGRADED");
		alarms().set(Status.DOWN);
		assertAnswer("/actuator/health", 500, "DOWN");
	}

	@Test
	void userStatusOrderWins() throws Exception {
		run("management.endpoint.health.status.order=degraded,down,out-of-service,up,unknown");
		alarms().set(Status.DOWN);
		standIns().datasourceHealth.set(ResilienceStatus.DEGRADED);
		assertAnswer("/actuator/health", 503, "DEGRADED");
	}

	@Test
	void userReadinessGroupSettingsWin() throws Exception {
		run("management.endpoint.health.group.readiness.include=readinessState,alarms",
				"management.endpoint.health.group.readiness.status.http-mapping.degraded=200");
		alarms().set(ResilienceStatus.DEGRADED);
		assertAnswer("/actuator/health/readiness", 200, "DEGRADED");
		assertAnswer("/actuator/health", 503, "DEGRADED");
	}

	private void run(String... properties) {
		this.context = new SpringApplicationBuilder(WebApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"spring.autoconfigure.exclude=" + otherResilienceAutoConfigurations())
			.properties(properties)
			.run();
	}

	private static String otherResilienceAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, ResilienceHealthWebApplicationTests.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.resilience.")
					&& !name.equals(ResilienceHealthAutoConfiguration.class.getName()))
			.collect(Collectors.joining(","));
	}

	private StandInContributors standIns() {
		return this.context.getBean(StandInContributors.class);
	}

	private StandInHealthIndicator alarms() {
		return standIns().alarmsHealth;
	}

	private void assertAnswer(String path, int httpStatus, String status) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(JsonPath.<String>read(response.body(), "$.status")).as("status of %s", path).isEqualTo(status);
		assertThat(response.statusCode()).as("HTTP status of %s", path).isEqualTo(httpStatus);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(StandInContributors.class)
	static class WebApplication {

	}

}
