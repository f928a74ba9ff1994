package dev.resilience.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.tree.WorkerSnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample under the {@code postgres} profile on one database: the payments
 * worker is a cluster singleton, so drivers are paid by one instance at a time and never twice.
 */
class TwoInstancesOnePostgresTests {

	@Test
	void onlyOneInstancePaysAtATime() throws IOException {
		try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
			String url = "jdbc:postgresql://localhost:" + database.getPort() + "/postgres";
			ConfigurableApplicationContext first = start(url);
			ConfigurableApplicationContext second = start(url);
			try {
				List<ConfigurableApplicationContext> instances = List.of(first, second);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> acquired(instances) >= 5 && skipped(instances) >= 1);
				JdbcTemplate jdbc = new JdbcTemplate(database.getPostgresDatabase());
				assertThat(jdbc.queryForObject("select count(*) from drivers where paid_cents > owed_cents",
						Long.class)).isZero();
				assertThat(jdbc.queryForObject("select count(*) from payments", Long.class)).isPositive();
				assertThat(jdbc.queryForObject("select count(*) from (select job_id from payments group by job_id "
						+ "having count(*) > 1) twice", Long.class)).as("jobs paid twice").isZero();
			}
			finally {
				second.close();
				first.close();
			}
		}
	}

	private static long acquired(List<ConfigurableApplicationContext> instances) {
		return instances.stream().mapToLong((instance) -> status(instance).acquiredRuns()).sum();
	}

	private static long skipped(List<ConfigurableApplicationContext> instances) {
		return instances.stream().mapToLong((instance) -> status(instance).skippedRuns()).sum();
	}

	private static WorkerSnapshot.Lock status(ConfigurableApplicationContext instance) {
		return instance.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().worker("payments").orElseThrow()
			.lock();
	}

	private static ConfigurableApplicationContext start(String url) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		return new SpringApplicationBuilder(SampleApplication.class).profiles("postgres")
			.run("--server.port=" + port, "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--spring.main.banner-mode=off");
	}

}
