package dev.resilience.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilience.autoconfigure.check.PassiveDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's DataSource behind the passive proxy of the {@code datasource} check (still a
 * {@code HikariDataSource}), on embedded
 * PostgreSQL: Flyway migrated through it, Hikari unwraps and reports its pool metrics, a
 * {@code JdbcTemplate} in a transaction commits and rolls back, the {@code db} health indicator is
 * UP, and {@code /actuator/prometheus} serves the starter's meters.
 */
class PassiveDataSourceSampleTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void flywayHikariTransactionsAndHealthWorkThroughTheWrapper() throws Exception {
		try (SampleWithPostgres sample = new SampleWithPostgres()) {
			DataSource dataSource = sample.app().getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(HikariDataSource.class);
			assertThat(PassiveDataSource.isWrapped(dataSource)).isTrue();
			assertThat(sample.app().getBean(HikariDataSource.class)).isSameAs(dataSource);
			assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
			HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
			assertThat(hikari.getHikariPoolMXBean()).isNotNull();

			Flyway flyway = sample.app().getBean(Flyway.class);
			assertThat(flyway.getConfiguration().getDataSource()).isSameAs(dataSource);
			assertThat(flyway.info().applied()).hasSizeGreaterThanOrEqualTo(2);

			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			TransactionTemplate transactions = sample.app().getBean(TransactionTemplate.class);
			jdbc.execute("create table passive_probe (id int primary key)");
			transactions.executeWithoutResult((status) -> {
				jdbc.update("insert into passive_probe values (1)");
				status.setRollbackOnly();
			});
			transactions.executeWithoutResult((status) -> sample.app().getBean(JdbcTemplate.class)
				.update("insert into passive_probe values (2)"));
			assertThat(jdbc.queryForList("select id from passive_probe", Integer.class)).containsExactly(2);

			Map<String, Object> health = JsonParserFactory.getJsonParser().parseMap(get(sample, "/actuator/health").body());
			assertThat(health).extractingByKey("components").extracting("db").extracting("status").isEqualTo("UP");
			HttpResponse<String> prometheus = get(sample, "/actuator/prometheus");
			assertThat(prometheus.statusCode()).isEqualTo(200);
			assertThat(prometheus.body()).contains("resilience_check_state{check=\"datasource\"")
				.contains("resilience_worker_last_success_age_seconds{")
				.contains("resilience_supervisor_escalations_total{")
				.contains("hikaricp_connections_active{");
		}
	}

	private static HttpResponse<String> get(SampleWithPostgres sample, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(sample.url(path))).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
