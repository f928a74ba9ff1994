package dev.resilience.autoconfigure.check;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.testsupport.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance test of passive checking: with the {@code datasource} check at a 30 s interval,
 * the application's own failed {@code getConnection()} calls take the instance out of readiness
 * within about a second of the embedded PostgreSQL stopping, instead of at the next check.
 */
class PassiveDataSourceApplicationTests {

	private final AtomicBoolean traffic = new AtomicBoolean(true);

	private final List<Thread> clients = new ArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() throws InterruptedException {
		this.traffic.set(false);
		for (Thread client : this.clients) {
			client.join(5_000);
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void failedGetConnectionCallsMakeReadinessAnswer503WithinAboutASecond() throws Exception {
		Path data = Files.createTempDirectory("passive-db");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		EmbeddedPostgres database = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).start();
		try {
			this.context = new SpringApplicationBuilder(App.class)
				.properties("server.port=0", "spring.main.banner-mode=off", "management.endpoint.health.probes.enabled=true",
						"management.endpoints.web.exposure.include=health,supervisors,metrics")
				.run("--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
						"--spring.datasource.username=postgres", "--spring.datasource.hikari.connection-timeout=250",
						"--resilience.checks.datasource.interval=30s", "--resilience.checks.datasource.passing-checks=1");
			Http http = new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
			await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/actuator/health/readiness").status() == 200);
			AtomicInteger failedCalls = startClients(this.context.getBean(JdbcTemplate.class), 3);

			long stopping = System.nanoTime();
			database.close(); // returns once PostgreSQL has stopped (pg_ctl stop -m fast)
			long stopped = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
				.until(() -> http.get("/actuator/health/readiness").status() == 503);
			long out = System.nanoTime();
			Duration outAfter = Duration.ofNanos(out - stopped);
			System.out.printf("Passive datasource check: readiness 503 %d ms after the database had stopped (%d ms after "
					+ "its stop began), %d failed calls%n", outAfter.toMillis(), (out - stopping) / 1_000_000,
					failedCalls.get());
			assertThat(outAfter).as("out of readiness after the database stopped, the next check 30 s away")
				.isLessThan(Duration.ofMillis(1_500));
			Map<String, Object> check = datasourceCheck(http);
			assertThat(check).containsEntry("state", "DEGRADED").containsEntry("passiveFailures", 3)
				.containsEntry("passiveTriggers", 1);
			assertThat(((Number) check.get("reportedFailures")).intValue()).isGreaterThanOrEqualTo(3);
			assertThat(http.get("/actuator/metrics/resilience.check.passive.triggers?tag=check:datasource").body())
				.contains("\"value\":1.0");
			assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
		}
		finally {
			database.close();
			FileSystemUtils.deleteRecursively(data);
		}
	}

	/** Threads that query the database every 20 ms, as requests would; they count what fails. */
	private AtomicInteger startClients(JdbcTemplate jdbc, int count) {
		AtomicInteger failed = new AtomicInteger();
		for (int i = 0; i < count; i++) {
			Thread client = new Thread(() -> {
				while (this.traffic.get()) {
					try {
						jdbc.queryForObject("select 1", Integer.class);
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "client-" + i);
			client.setDaemon(true);
			client.start();
			this.clients.add(client);
		}
		return failed;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> datasourceCheck(Http http) {
		List<Map<String, Object>> checks = (List<Map<String, Object>>) http.get("/actuator/supervisors").json().get("checks");
		return checks.stream().filter((check) -> "datasource".equals(check.get("name"))).findFirst().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
