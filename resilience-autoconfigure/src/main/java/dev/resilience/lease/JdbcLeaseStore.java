package dev.resilience.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.resilience.worker.LeaseStore;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Leases in a table of the application's database ({@code resilience_lease} unless named
 * otherwise), changed by single statements that take every time from the database's clock:
 *
 * <ul>
 * <li>the first taker inserts the row with token 1; of two that race, the unique key lets one
 * win, and the other is told the lease is taken;</li>
 * <li>a taker of a free lease updates it {@code where token = :seen and (holder = '' or
 * expires_at <= now)}, adding one to the token;</li>
 * <li>a renewal updates it {@code where holder = :me and token = :token and expires_at > now};</li>
 * <li>a release sets the holder to {@code ''} and the expiry to now.</li>
 * </ul>
 * Times are UTC {@code timestamp}s of the database, so sessions in other time zones agree. The
 * database's kind (PostgreSQL or H2) is found on first use.
 *
 * <p>This class is thread-safe.
 *
 * @since 0.1.0
 */
public class JdbcLeaseStore implements LeaseStore {

	/** The table's default name. */
	public static final String DEFAULT_TABLE = "resilience_lease";

	/** Where the DDL of each database is: {@code @@platform@@} stands for {@link LeaseDialect#platform()}. */
	public static final String SCHEMA_LOCATION = "classpath:dev/resilience/lease/schema-@@platform@@.sql";

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private static final String COLUMNS = "name, holder, token, expires_at, next_run_at";

	private final JdbcTemplate jdbc;

	private final String table;

	private volatile LeaseDialect dialect;

	/**
	 * @param dataSource the application's database
	 * @param table the table's name, optionally with its schema
	 * @throws IllegalArgumentException if the name is not a plain SQL name
	 */
	public JdbcLeaseStore(DataSource dataSource, String table) {
		this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
		if (!isTableName(table)) {
			throw new IllegalArgumentException("not a table name: " + table);
		}
		this.table = table;
	}

	/**
	 * @param table a table name
	 * @return whether it is one this store accepts: letters, digits and {@code _}, optionally after a schema and a dot
	 */
	public static boolean isTableName(String table) {
		return table != null && TABLE_NAME.matcher(table).matches();
	}

	/** @return the table's name */
	public String table() {
		return this.table;
	}

	@Override
	public Optional<Row> read(String name) {
		LeaseDialect sql = dialect();
		List<Row> rows = this.jdbc.query("select " + COLUMNS + ", " + sql.now() + " from " + this.table
				+ " where name = ?", ROW, name);
		return rows.stream().findFirst();
	}

	@Override
	public Optional<Row> acquire(String name, String holder, Duration leaseTime, Row seen) {
		LeaseDialect sql = dialect();
		if (seen == null) {
			String insert = "insert into " + this.table + " (" + COLUMNS + ") values (?, ?, 1, "
					+ sql.plusMillis(sql.now()) + ", null)";
			try {
				return first(sql.returning(insert, COLUMNS + ", " + sql.now()), name, holder, leaseTime.toMillis());
			}
			catch (DuplicateKeyException ex) {
				return Optional.empty(); // another instance inserted it first
			}
		}
		String update = "update " + this.table + " set holder = ?, token = token + 1, expires_at = "
				+ sql.plusMillis(sql.now()) + " where name = ? and token = ? and (holder = '' or expires_at <= "
				+ sql.now() + ")";
		return first(sql.returning(update, COLUMNS + ", " + sql.now()), holder, leaseTime.toMillis(), name,
				seen.token());
	}

	@Override
	public Optional<Row> renew(String name, String holder, long token, Duration leaseTime, Duration nextRunIn) {
		LeaseDialect sql = dialect();
		String nextRun = (nextRunIn != null) ? ", next_run_at = " + sql.plusMillis(sql.now()) : "";
		String update = "update " + this.table + " set expires_at = " + sql.plusMillis(sql.now()) + nextRun
				+ " where name = ? and holder = ? and token = ? and expires_at > " + sql.now();
		String statement = sql.returning(update, COLUMNS + ", " + sql.now());
		return (nextRunIn != null) ? first(statement, leaseTime.toMillis(), nextRunIn.toMillis(), name, holder, token)
				: first(statement, leaseTime.toMillis(), name, holder, token);
	}

	@Override
	public boolean release(String name, String holder, long token, Duration nextRunIn) {
		LeaseDialect sql = dialect();
		String nextRun = (nextRunIn != null) ? ", next_run_at = " + sql.plusMillis(sql.now()) : "";
		String update = "update " + this.table + " set holder = '', expires_at = " + sql.now() + nextRun
				+ " where name = ? and holder = ? and token = ?";
		int changed = (nextRunIn != null) ? this.jdbc.update(update, nextRunIn.toMillis(), name, holder, token)
				: this.jdbc.update(update, name, holder, token);
		return changed == 1;
	}

	/**
	 * Reads nothing from the table, to tell whether it exists.
	 * @throws org.springframework.dao.DataAccessException if it does not (or the database cannot
	 * be reached)
	 */
	public void requireTable() {
		this.jdbc.queryForList("select name from " + this.table + " where 1 = 0");
	}

	/** @return the longest of three round trips to the database for its time, as a renewal makes one */
	public Duration roundTrip() {
		LeaseDialect sql = dialect();
		long longest = 0;
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			this.jdbc.queryForObject("select " + sql.now(), Object.class);
			longest = Math.max(longest, System.nanoTime() - start);
		}
		return Duration.ofNanos(longest);
	}

	/** @return the database's kind, found on first use */
	public LeaseDialect dialect() {
		LeaseDialect known = this.dialect;
		if (known == null) {
			String product = this.jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
			known = LeaseDialect.of(product);
			if (known == null) {
				throw new IllegalStateException("The lease table supports PostgreSQL and H2, not " + product
						+ ": set resilience.cluster.leases=shedlock");
			}
			this.dialect = known;
		}
		return known;
	}

	/**
	 * @param dialect a database's kind
	 * @param table the table's name
	 * @return the DDL of the table on that database, as shipped in the jar
	 */
	public static String ddl(LeaseDialect dialect, String table) {
		ClassPathResource resource = new ClassPathResource(
				SCHEMA_LOCATION.substring("classpath:".length()).replace("@@platform@@", dialect.platform()));
		try {
			return new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
				.replace(DEFAULT_TABLE, table);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Optional<Row> first(String sql, Object... args) {
		return this.jdbc.query(sql, ROW, args).stream().findFirst();
	}

	private static final RowMapper<Row> ROW = JdbcLeaseStore::row;

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4), instant(rs, 5), instant(rs, 6));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

}
