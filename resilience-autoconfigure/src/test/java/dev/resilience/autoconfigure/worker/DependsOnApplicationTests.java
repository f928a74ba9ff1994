package dev.resilience.autoconfigure.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.check.DependencyCheck;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.testsupport.Http;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @SupervisedWorker(dependsOn)} and {@code resilience.workers.<name>.depends-on} in whole
 * applications: a worker whose check goes DEGRADED is parked (no run, no crash, no crash alarm,
 * {@code PARKED} in the endpoint and the meters, a trigger answered 409) and runs again once the
 * check is CONNECTED; a name that is no check fails start-up.
 */
class DependsOnApplicationTests {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("resilience.checks.inventory.interval=1h", "resilience.checks.pricing.interval=1h");

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void workerIsParkedWhileItsCheckIsDegradedAndRunsAgainOnceItIsConnected() {
		Http http = start();
		App app = this.context.getBean(App.class);
		Alarms alarms = this.context.getBean(Alarms.class);
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		await().atMost(AT_MOST).until(() -> app.orders.get() >= 3);
		assertThat(orders(http)).containsEntry("state", "RUNNING");
		assertThat(parkedGauge(meters)).isZero();

		app.inventoryDown = true;
		await().atMost(AT_MOST).until(() -> "PARKED".equals(orders(http).get("state")));
		assertThat(parkedGauge(meters)).isEqualTo(1);
		int runsWhenParked = app.orders.get();
		int attemptsWhenParked = app.attempts.get();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
			.until(() -> app.attempts.get() <= attemptsWhenParked + 1); // a run in progress ends as it would
		Http.Response trigger = http.post("/actuator/supervisors/orders", "{\"action\":\"trigger\"}");
		assertThat(trigger.status()).isEqualTo(409);
		assertThat(trigger.body()).contains("parked").contains("[inventory]");

		app.inventoryDown = false;
		await().atMost(AT_MOST).until(() -> app.orders.get() >= runsWhenParked + 3);
		assertThat(orders(http)).containsEntry("state", "RUNNING");
		assertThat(parkedGauge(meters)).isZero();
		assertThat(alarms.history()).as("failures while the inventory was down raise no crash alarm")
			.noneMatch((transition) -> transition.alarm().id().equals("orders_crashing"));
		assertThat(alarms.history()).anyMatch((transition) -> transition.alarm().id().equals("inventory_disconnected"));
	}

	@Test
	void dependsOnPropertyReplacesTheAnnotation() {
		this.runner.withUserConfiguration(App.class)
			.withPropertyValues("resilience.workers.orders.depends-on=pricing")
			.run((context) -> {
				SupervisionTree tree = context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
				assertThat(tree.waitingFor("orders")).as("checks start DEGRADED").containsExactly("pricing");
				assertThat(tree.worker("orders").orElseThrow().state().name()).isEqualTo("PARKED");
			});
	}

	@Test
	void unknownCheckFailsStartUpNamingTheAttributeOrProperty() {
		this.runner.withUserConfiguration(App.class)
			.withPropertyValues("resilience.workers.orders.depends-on=inventroy")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("resilience.workers.orders.depends-on")
				.hasMessageContaining("'inventroy'")
				.hasMessageContaining("[inventory, pricing]"));
		this.runner.withUserConfiguration(TypoApp.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("@SupervisedWorker(dependsOn)")
				.hasMessageContaining("'datasource'")
				.hasMessageContaining("[inventory, pricing]"));
	}

	private static double parkedGauge(MeterRegistry meters) {
		return meters.get(WorkerMetrics.PARKED).tag("worker", "orders").gauge().value();
	}

	private static Map<String, Object> orders(Http http) {
		return http.supervisedWorker("orders");
	}

	private Http start() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,supervisors",
					"management.endpoint.supervisors.access=unrestricted", "resilience.checks.inventory.interval=50ms",
					"resilience.checks.inventory.passing-checks=2", "resilience.workers.orders.alarm-after-failures=1")
			.run();
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class App {

		final AtomicInteger orders = new AtomicInteger();

		final AtomicInteger attempts = new AtomicInteger();

		volatile boolean inventoryDown;

		@Bean
		DependencyCheck inventory() {
			return () -> {
				if (this.inventoryDown) {
					throw new IOException("inventory service refused the connection");
				}
			};
		}

		@Bean
		DependencyCheck pricing() {
			return () -> {
			};
		}

		@SupervisedWorker(name = "orders", interval = "50ms", dependsOn = "inventory")
		public void takeOrders() throws IOException {
			this.attempts.incrementAndGet();
			if (this.inventoryDown) {
				throw new IOException("inventory service refused the connection");
			}
			this.orders.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TypoApp {

		@Bean
		DependencyCheck inventory() {
			return () -> {
			};
		}

		@Bean
		DependencyCheck pricing() {
			return () -> {
			};
		}

		@SupervisedWorker(name = "typo", interval = "1h", dependsOn = "datasource")
		public void run() {
		}

	}

}
