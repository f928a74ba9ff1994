package dev.resilience.sample;

import java.io.IOException;
import java.time.Instant;

import dev.resilience.sample.payments.PaymentsProperties;
import dev.resilience.sample.payments.PaymentsWorker;
import dev.resilience.worker.Lease;
import dev.resilience.worker.RunContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payments worker's writes are fenced by its lease's token, on the sample's own migration and
 * PostgreSQL: a holder whose lease was taken over (and who still believes it holds it, as one
 * resumed after a freeze does) changes no row once a larger token has written.
 */
class PaymentsFencingTests {

	@Test
	void aStaleHolderChangesNoRow() throws IOException {
		try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
			Flyway.configure().dataSource(database.getPostgresDatabase()).load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(database.getPostgresDatabase());
			PaymentsWorker worker = new PaymentsWorker(JdbcClient.create(database.getPostgresDatabase()),
					new PaymentsProperties());
			addJob(jdbc, 1, 500);
			worker.payCompletedJobs(run(7));
			assertThat(jdbc.queryForObject("select count(*) from payments", Long.class)).isEqualTo(1);
			assertThat(jdbc.queryForObject("select fence from payments_fence", Long.class)).isEqualTo(7);

			addJob(jdbc, 2, 300);
			worker.payCompletedJobs(run(6)); // the former holder, resumed
			assertThat(jdbc.queryForObject("select count(*) from payments", Long.class)).as("payments").isEqualTo(1);
			assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).as("jobs left").isEqualTo(1);
			assertThat(jdbc.queryForObject("select paid_cents from drivers where id = 2", Long.class)).isZero();
			assertThat(jdbc.queryForObject("select fence from payments_fence", Long.class)).isEqualTo(7);

			worker.payCompletedJobs(run(7)); // the holder's next run pays it, once
			assertThat(jdbc.queryForObject("select count(*) from payments", Long.class)).isEqualTo(2);
			assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).isZero();
		}
	}

	@Test
	void aRunWithoutALeaseWritesUnfenced() throws IOException {
		try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
			Flyway.configure().dataSource(database.getPostgresDatabase()).load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(database.getPostgresDatabase());
			PaymentsWorker worker = new PaymentsWorker(JdbcClient.create(database.getPostgresDatabase()),
					new PaymentsProperties());
			addJob(jdbc, 1, 500);
			worker.payCompletedJobs(RunContext.of("payments"));
			assertThat(jdbc.queryForObject("select count(*) from payments", Long.class)).isEqualTo(1);
			assertThat(jdbc.queryForObject("select fence from payments_fence", Long.class)).isZero();
		}
	}

	private static void addJob(JdbcTemplate jdbc, long driver, long cents) {
		jdbc.update("update drivers set owed_cents = owed_cents + ? where id = ?", cents, driver);
		jdbc.update("insert into jobs (driver_id, amount_cents, completed_at) values (?, ?, current_timestamp)", driver,
				cents);
	}

	private static RunContext run(long token) {
		return RunContext.of("payments", new Lease() {

			@Override
			public long token() {
				return token;
			}

			@Override
			public Instant expiresAt() {
				return Instant.now().plusSeconds(10);
			}

			@Override
			public boolean isHeld() {
				return true; // as the stale holder believes
			}

		});
	}

}
