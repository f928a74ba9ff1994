package dev.resilience.autoconfigure.check;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.check.DependencyCheck;
import dev.resilience.testsupport.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import org.springframework.util.FileSystemUtils;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dependency checks in whole applications, as a load balancer sees them through
 * {@code /actuator/health/readiness}.
 */
class DependencyChecksApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void flappingCheckTakesTheInstanceOutAtOnceAndPutsItBackOnlyAfterThePassingChecks() {
		Http http = start(FlippableCheckApp.class, "--resilience.checks.inventory.interval=200ms",
				"--resilience.checks.inventory.passing-checks=3");
		FlippableCheckApp app = this.context.getBean(FlippableCheckApp.class);
		Alarms alarms = this.context.getBean(Alarms.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 200);

		app.failing = true;
		long flippedAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/actuator/health/readiness").status() == 503);
		assertThat(Duration.ofNanos(System.nanoTime() - flippedAt)).isLessThanOrEqualTo(Duration.ofMillis(2 * 200 + 300));
		assertThat(alarms.isSet("inventory_disconnected")).isTrue();
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

		int invocationsWhenFixed = app.invocations.get();
		app.failing = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 200);
		assertThat(app.invocations.get() - invocationsWhenFixed).isGreaterThanOrEqualTo(3);
		assertThat(alarms.isSet("inventory_disconnected")).isFalse();
	}

	@Test
	void databaseOutageOnEmbeddedPostgres() throws IOException {
		Path data = Files.createTempDirectory("checks-db");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		EmbeddedPostgres database = postgres(port, data);
		try {
			Http http = start(DatabaseApp.class,
					"--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
					"--spring.datasource.username=postgres", "--spring.datasource.hikari.connection-timeout=1000",
					"--resilience.checks.datasource.interval=300ms", "--resilience.checks.datasource.timeout=1s");
			Alarms alarms = this.context.getBean(Alarms.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/actuator/health/readiness").status() == 200);

			database.close();
			await().atMost(Duration.ofSeconds(20)).until(() -> alarms.isSet("datasource_disconnected"));
			await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 503);
			assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

			database = postgres(port, data);
			await().atMost(Duration.ofSeconds(30)).until(() -> !alarms.isSet("datasource_disconnected"));
			await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 200);
		}
		finally {
			database.close();
			FileSystemUtils.deleteRecursively(data);
		}
	}

	@Test
	void noDatasourceCheckWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceDataSourceCheckAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceSettingsResolver.DATASOURCE_CHECK)
				.hasSingleBean(SupervisionTreeLifecycle.class));
	}

	@Test
	void datasourceCheckCanBeSwitchedOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceDataSourceCheckAutoConfiguration.class))
			.withBean(javax.sql.DataSource.class, () -> new org.springframework.jdbc.datasource.SimpleDriverDataSource())
			.withPropertyValues("resilience.checks.datasource.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResilienceSettingsResolver.DATASOURCE_CHECK));
	}

	@Test
	void unknownCheckNameAndBadValuesFailStartUp() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean("inventory", DependencyCheck.class, () -> () -> {
			});
		runner.withPropertyValues("resilience.checks.inventroy.interval=1s")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("resilience.checks.inventroy")
				.hasMessageContaining("[inventory]"));
		runner.withPropertyValues("resilience.checks.inventory.passing-checks=0")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("resilience.checks.inventory.passing-checks"));
		runner.withPropertyValues("resilience.checks.inventory.interval=0s")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("resilience.checks.inventory.interval"));
	}

	private Http start(Class<?> app, String... args) {
		this.context = new SpringApplicationBuilder(app)
			.properties("server.port=0", "spring.main.banner-mode=off", "management.endpoint.health.probes.enabled=true")
			.run(args);
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	private static EmbeddedPostgres postgres(int port, Path data) throws IOException {
		return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class FlippableCheckApp {

		final AtomicInteger invocations = new AtomicInteger();

		volatile boolean failing;

		@Bean
		DependencyCheck inventory() {
			return () -> {
				this.invocations.incrementAndGet();
				if (this.failing) {
					throw new IOException("inventory service refused the connection");
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DatabaseApp {

	}

}
