package dev.resilience.sample.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.resilience.worker.SupervisedWorker;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps drivers busy: every half second a driver completes a job and is owed its amount. Parked
 * while the {@code datasource} check is DEGRADED.
 */
@Component
public class JobsGenerator {

	private final JdbcClient jdbc;

	public JobsGenerator(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@SupervisedWorker(name = "jobs", interval = "500ms", dependsOn = "datasource")
	@Transactional
	public void completeAJob() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long driver = random.nextLong(1, 5);
		long amount = random.nextLong(500, 5_000);
		this.jdbc.sql("insert into jobs (driver_id, amount_cents, completed_at) values (?, ?, ?)")
			.params(driver, amount, Timestamp.from(Instant.now()))
			.update();
		this.jdbc.sql("update drivers set owed_cents = owed_cents + ? where id = ?").params(amount, driver).update();
	}

}
