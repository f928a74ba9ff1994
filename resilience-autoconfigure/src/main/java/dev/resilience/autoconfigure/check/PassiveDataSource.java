package dev.resilience.autoconfigure.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import dev.resilience.check.PassiveChecks;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * An application's {@link DataSource} as the {@code datasource} check hears it: every
 * {@code getConnection()} that throws is reported as a failure, every one that returns a
 * connection as a success ({@link PassiveChecks}). Everything else, {@code unwrap} and
 * {@code isWrapperFor} included, goes to the target as {@link DelegatingDataSource} sends it, so
 * {@code unwrap(HikariDataSource.class)} returns the pool.
 *
 * <p><b>Threading.</b> As thread-safe as its target; a report costs a lookup in an immutable
 * map and one atomic operation, with no lock and no allocation.
 *
 * @since 0.1.0
 */
public class PassiveDataSource extends DelegatingDataSource {

	private final PassiveChecks passiveChecks;

	private final String check;

	/**
	 * @param target the application's data source
	 * @param passiveChecks where the calls are reported
	 * @param check the name of the check they are reported to
	 */
	public PassiveDataSource(DataSource target, PassiveChecks passiveChecks, String check) {
		super(Objects.requireNonNull(target, "target"));
		this.passiveChecks = Objects.requireNonNull(passiveChecks, "passiveChecks");
		this.check = Objects.requireNonNull(check, "check");
	}

	/**
	 * @param dataSource a data source, wrapped or not
	 * @return the data source that it wraps, or itself if it is no {@link PassiveDataSource}
	 */
	public static DataSource unwrapped(DataSource dataSource) {
		return (dataSource instanceof PassiveDataSource passive) ? passive.obtainTargetDataSource() : dataSource;
	}

	@Override
	public Connection getConnection() throws SQLException {
		try {
			return succeeded(obtainTargetDataSource().getConnection());
		}
		catch (SQLException | RuntimeException ex) {
			failed(ex);
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		try {
			return succeeded(obtainTargetDataSource().getConnection(username, password));
		}
		catch (SQLException | RuntimeException ex) {
			failed(ex);
			throw ex;
		}
	}

	private Connection succeeded(Connection connection) {
		this.passiveChecks.reportSuccess(this.check);
		return connection;
	}

	private void failed(Exception failure) {
		this.passiveChecks.reportFailure(this.check, failure);
	}

	@Override
	public String toString() {
		return "PassiveDataSource[" + this.check + ": " + obtainTargetDataSource() + "]";
	}

}
