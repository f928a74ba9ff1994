package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.testsupport.Http;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code supervisors} and {@code alarms} endpoints over real HTTP.
 */
class ResilienceEndpointsTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void supervisorsShowsEachWorkerWithItsDerivedLimit() {
		Http http = start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.context.getBean(App.class).runs.get() >= 2);
		// a snapshot taken while a run is in flight, or between a crash and the restart, has no next run
		Http.Response response = await().atMost(Duration.ofSeconds(5))
			.until(() -> http.get("/actuator/supervisors"),
					(candidate) -> paymentsWorker(candidate.json()).get("nextRun") != null);
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> root = (Map<String, Object>) response.json().get("root");
		assertThat(root).containsEntry("id", "root").containsEntry("type", "supervisor");
		assertThat((Map<String, Object>) root.get("intensity")).containsEntry("maxRestarts", 3);
		Map<String, Object> payments = payments(response.json());
		assertThat((Map<String, Object>) payments.get("intensity")).containsEntry("maxRestarts", 51)
			.containsEntry("period", "5s");
		Map<String, Object> worker = paymentsWorker(response.json());
		assertThat(worker).containsEntry("type", "worker").containsEntry("name", "payments")
			.containsEntry("state", "RUNNING").containsEntry("schedule", "fixed delay 100ms");
		assertThat((Map<String, Object>) worker.get("lastRun")).containsKeys("startedAt", "durationMillis", "outcome");
		assertThat(worker.get("nextRun")).isNotNull();
		assertThat(((Number) worker.get("runs")).intValue()).isGreaterThanOrEqualTo(2);
		assertThat((Map<String, Object>) worker.get("lastFailure")).containsEntry("message", "run 1 failed");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> payments(Map<String, Object> supervisors) {
		List<Map<String, Object>> children = (List<Map<String, Object>>) ((Map<String, Object>) supervisors.get("root"))
			.get("children");
		return children.stream().filter((child) -> "payments".equals(child.get("id"))).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> paymentsWorker(Map<String, Object> supervisors) {
		return ((List<Map<String, Object>>) payments(supervisors).get("children")).get(0);
	}

	@Test
	void writeOperationIsRefusedUnlessAccessIsGranted() {
		Http http = start();
		Http.Response response = http.post("/actuator/supervisors/payments", "{\"action\":\"stop\"}");
		assertThat(response.status()).isIn(404, 405);
		assertThat(http.delete("/actuator/alarms/any").status()).isIn(404, 405);
		assertThat(this.context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().snapshot().supervisors())
			.allMatch((branch) -> branch.workers().get(0).state() == WorkerSnapshot.State.RUNNING);
	}

	@Test
	void writeOperationStopsStartsAndRestartsAWorkerWhenGranted() {
		Http http = start("--management.endpoint.supervisors.access=unrestricted");
		App app = this.context.getBean(App.class);
		assertThat(http.post("/actuator/supervisors/payments", "{\"action\":\"stop\"}").status()).isEqualTo(200);
		int runsWhenStopped = app.runs.get();
		await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3)).until(() -> app.runs.get() <= runsWhenStopped + 1);
		assertThat(http.get("/actuator/supervisors").body()).contains("\"STOPPED\"");
		assertThat(http.post("/actuator/supervisors/payments", "{\"action\":\"start\"}").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> app.runs.get() >= runsWhenStopped + 3);
		int instancesBefore = app.runs.get();
		assertThat(http.post("/actuator/supervisors/payments", "{\"action\":\"restart\"}").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> app.runs.get() > instancesBefore);
		Http.Response unknownWorker = http.post("/actuator/supervisors/nobody", "{\"action\":\"restart\"}");
		assertThat(unknownWorker.status()).isEqualTo(404);
		assertThat(unknownWorker.body()).contains("No worker named 'nobody'").contains("payments");
		Http.Response unknownAction = http.post("/actuator/supervisors/payments", "{\"action\":\"explode\"}");
		assertThat(unknownAction.status()).isEqualTo(400);
		assertThat(unknownAction.body()).contains("explode")
			.contains("restart", "stop", "start", "pause", "resume", "trigger");
		assertThat(http.post("/actuator/supervisors/payments", "{}").status()).isEqualTo(400);
	}

	@Test
	@SuppressWarnings("unchecked")
	void alarmsShowsActiveAlarmsAndHistoryAndClearsWhenGranted() {
		Http http = start("--management.endpoint.alarms.access=unrestricted");
		Alarms alarms = this.context.getBean(Alarms.class);
		alarms.set("disk_full", Severity.WARNING, "92% used");
		alarms.set("db_down", Severity.CRITICAL, "refused");
		Map<String, Object> body = http.get("/actuator/alarms").json();
		List<Map<String, Object>> active = (List<Map<String, Object>>) body.get("active");
		assertThat(active).extracting((alarm) -> alarm.get("id")).containsExactly("db_down", "disk_full");
		assertThat((List<Object>) body.get("history")).hasSizeGreaterThanOrEqualTo(2);
		Http.Response cleared = http.delete("/actuator/alarms/db_down");
		assertThat(cleared.status()).isEqualTo(200);
		assertThat(cleared.json()).containsEntry("wasSet", true);
		assertThat(alarms.isSet("db_down")).isFalse();
	}

	@Test
	void webhookUrlNeverShowsInTheEnvOrConfigpropsEndpoints() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"resilience.alarms.webhook.url=https://hooks.example.com/services/T1/B2/s3cr3tT0k3n")
			.run();
		Http http = new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
		Http.Response env = http.get("/actuator/env");
		Http.Response configprops = http.get("/actuator/configprops");
		assertThat(env.status()).isEqualTo(200);
		assertThat(configprops.status()).isEqualTo(200);
		assertThat(env.body()).contains("resilience.alarms.webhook.url").doesNotContain("s3cr3tT0k3n");
		assertThat(configprops.body()).contains("webhook").doesNotContain("s3cr3tT0k3n");
	}

	@Test
	void endpointsAreNotExposedOverHttpUnlessIncluded() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.run();
		Http http = new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
		assertThat(http.get("/actuator/supervisors").status()).isEqualTo(404);
		assertThat(http.get("/actuator/alarms").status()).isEqualTo(404);
	}

	@Test
	void withoutActuatorTheCoreStillWorks() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(dev.resilience.autoconfigure.ResilienceAutoConfiguration.class,
					ResilienceEndpointAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withBean(PlainWorker.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SupervisorsEndpoint.class)
					.doesNotHaveBean(AlarmsEndpoint.class)
					.hasSingleBean(Alarms.class);
				PlainWorker app = context.getBean(PlainWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> app.runs.get() >= 2);
			});
	}

	private Http start(String... args) {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,supervisors,alarms",
					"management.endpoint.supervisors.show-details=always")
			.run(args);
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	static class PlainWorker {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "plain", interval = "20ms")
		public void run() {
			this.runs.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "payments", interval = "100ms")
		public void pay() {
			if (this.runs.incrementAndGet() == 1) {
				throw new IllegalStateException("run 1 failed");
			}
		}

	}

}
