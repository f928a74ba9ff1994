package dev.resilience.sample.payments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.resilience.worker.Lease;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.SupervisedWorker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays drivers for completed jobs, every second, in one transaction: fetch the completed jobs,
 * pay each driver, verify no driver is paid more than owed, delete the paid jobs. With the
 * released bug ({@code sample.payments.bug=true}) it pays twice; the verification throws, the
 * transaction rolls back, the worker crashes, and its supervisor restarts it, forever. It depends
 * on the {@code datasource} check: while the database is unreachable it is parked, not crashing.
 *
 * <p>As a cluster singleton on leases (the {@code postgres} profile) its writes are fenced by the
 * lease's token: the transaction first raises {@code payments_fence.fence} to the token
 * {@code where fence <= :token}, which also locks that row until the transaction ends. A holder
 * that stalled past its lease, while another instance took it over and paid with a larger token,
 * changes no row and pays nothing. Without a lease (the default, one instance on H2) it writes
 * unfenced.
 */
@Component
public class PaymentsWorker {

	private static final Logger logger = LoggerFactory.getLogger(PaymentsWorker.class);

	private final JdbcClient jdbc;

	private final PaymentsProperties properties;

	public PaymentsWorker(JdbcClient jdbc, PaymentsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@SupervisedWorker(name = "payments", interval = "1s", dependsOn = "datasource")
	@Transactional
	public void payCompletedJobs(RunContext run) {
		Optional<Lease> lease = run.lease();
		if (lease.isPresent() && !fence(lease.get().token())) {
			logger.warn("Payments fenced out: token {} is older than the fence, a later holder has paid",
					lease.get().token());
			return; // a later holder has written: this one's lease is stale
		}
		List<Job> jobs = this.jdbc.sql("select id, driver_id, amount_cents from jobs order by id")
			.query(Job.class)
			.list();
		for (Job job : jobs) {
			pay(job);
			if (this.properties.isBug()) {
				pay(job); // the released bug
			}
			verifyPayment(job);
		}
		for (Job job : jobs) {
			this.jdbc.sql("delete from jobs where id = ?").param(job.id()).update();
		}
	}

	/**
	 * Raises the fence to the token, unless a larger token has written.
	 * @param token the lease's token
	 * @return whether this run may write
	 */
	boolean fence(long token) {
		return this.jdbc.sql("update payments_fence set fence = :token where name = 'payments' and fence <= :token")
			.param("token", token)
			.update() == 1;
	}

	private void pay(Job job) {
		this.jdbc.sql("insert into payments (job_id, driver_id, amount_cents, paid_at) values (?, ?, ?, ?)")
			.params(job.id(), job.driverId(), job.amountCents(), Timestamp.from(Instant.now()))
			.update();
		this.jdbc.sql("update drivers set paid_cents = paid_cents + ? where id = ?")
			.params(job.amountCents(), job.driverId())
			.update();
	}

	private void verifyPayment(Job job) {
		Long overpaid = this.jdbc.sql("select count(*) from drivers where id = ? and paid_cents > owed_cents")
			.param(job.driverId())
			.query(Long.class)
			.single();
		if (overpaid > 0) {
			throw new IllegalStateException("Invalid payment for job " + job.id());
		}
	}

	/**
	 * A completed job.
	 *
	 * @param id the job
	 * @param driverId its driver
	 * @param amountCents what the driver is owed for it
	 */
	public record Job(long id, long driverId, long amountCents) {
	}

}
