package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.resilience.check.DependencyCheck;
import dev.resilience.testsupport.Http;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the status page reads from the {@code supervisors} endpoint beyond the tree: each check
 * with its hysteresis progress, and for each worker what it is for and whether a run is in
 * progress.
 */
class SupervisorsEndpointChecksTests {

	@AutoClose
	private ConfigurableApplicationContext context;

	@Test
	void listsEachCheckWithItsProgressTowardsConnected() {
		Http http = start();
		App app = this.context.getBean(App.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> inventory(http).get("lastFailure") != null);
		assertThat(inventory(http)).containsEntry("worker", "inventory-check")
			.containsEntry("state", "DEGRADED")
			.containsEntry("consecutivePasses", 0)
			.containsEntry("passingChecks", 3);
		assertThat((String) inventory(http).get("lastFailure")).contains("inventory unreachable");
		app.up.set(true);
		for (int passes = 1; passes <= 3; passes++) {
			checkNow(http, passes);
			assertThat(inventory(http)).containsEntry("consecutivePasses", passes)
				.containsEntry("state", (passes < 3) ? "DEGRADED" : "CONNECTED");
		}
	}

	/** The check's interval is an hour: each check after the first is triggered. */
	private static void checkNow(Http http, int passes) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> http.post("/actuator/supervisors/inventory-check", "{\"action\":\"trigger\"}").status() == 200);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ((Number) inventory(http).get("consecutivePasses")).intValue() == passes);
	}

	@Test
	void tellsAWorkerOfTheApplicationFromACheckAndWhetherItIsRunningNow() {
		Http http = start();
		assertThat(worker(http, "ticker")).containsEntry("kind", "WORKER").containsKey("running");
		assertThat(worker(http, "inventory-check")).containsEntry("kind", "CHECK");
		App app = this.context.getBean(App.class);
		app.hold.set(true);
		await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(worker(http, "ticker").get("running")));
		app.hold.set(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(worker(http, "ticker").get("running")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> inventory(Http http) {
		List<Map<String, Object>> checks = (List<Map<String, Object>>) http.get("/actuator/supervisors").json().get("checks");
		return checks.stream().filter((check) -> "inventory".equals(check.get("name"))).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> worker(Http http, String name) {
		Map<String, Object> root = (Map<String, Object>) http.get("/actuator/supervisors").json().get("root");
		return ((List<Map<String, Object>>) root.get("children")).stream()
			.flatMap((branch) -> ((List<Map<String, Object>>) branch.get("children")).stream())
			.filter((worker) -> name.equals(worker.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private Http start() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=supervisors",
					"management.endpoint.supervisors.access=unrestricted", "resilience.checks.inventory.interval=1h",
					"management.endpoint.supervisors.show-details=always",
					"resilience.checks.inventory.passing-checks=3")
			.run();
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final AtomicBoolean up = new AtomicBoolean();

		final AtomicBoolean hold = new AtomicBoolean();

		@Bean
		DependencyCheck inventory() {
			return () -> {
				if (!this.up.get()) {
					throw new IllegalStateException("inventory unreachable");
				}
			};
		}

		@SupervisedWorker(name = "ticker", interval = "20ms")
		public void tick() {
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.hold.get());
		}

	}

}
