package dev.resilience.sample.payments;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /payments/summary}: what drivers are owed and were paid, in cents, and whether any
 * driver was ever paid more than owed, all read from the database.
 */
@RestController
public class PaymentsController {

	private final JdbcClient jdbc;

	public PaymentsController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/payments/summary")
	public Summary summary() {
		Map<String, Object> totals = this.jdbc
			.sql("select coalesce(sum(owed_cents), 0) as owed, coalesce(sum(paid_cents), 0) as paid, "
					+ "count(case when paid_cents > owed_cents then 1 end) as overpaid_drivers from drivers")
			.query()
			.singleRow();
		long pending = this.jdbc.sql("select count(*) from jobs").query(Long.class).single();
		return new Summary(number(totals, "owed"), number(totals, "paid"), number(totals, "overpaid_drivers") > 0,
				pending);
	}

	private static long number(Map<String, Object> row, String column) {
		Object value = row.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(column))
			.findFirst()
			.orElseThrow()
			.getValue();
		return ((Number) value).longValue();
	}

	/**
	 * The payments summary.
	 *
	 * @param owed what drivers were ever owed, in cents
	 * @param paid what drivers were ever paid, in cents
	 * @param overpaid whether any driver was ever paid more than owed
	 * @param pendingJobs completed jobs not yet paid
	 */
	public record Summary(long owed, long paid, boolean overpaid, long pendingJobs) {
	}

}
