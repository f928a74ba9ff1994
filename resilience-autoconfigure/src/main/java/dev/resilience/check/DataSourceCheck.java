package dev.resilience.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

/**
 * Checks a {@link DataSource}: borrows a connection and asks {@link Connection#isValid(int)}
 * within the timeout (rounded up to whole seconds, as JDBC counts them).
 *
 * @since 0.1.0
 */
public class DataSourceCheck implements DependencyCheck {

	private final DataSource dataSource;

	private final int timeoutSeconds;

	/**
	 * @param dataSource the data source
	 * @param timeout how long validation may take
	 */
	public DataSourceCheck(DataSource dataSource, Duration timeout) {
		this.dataSource = dataSource;
		this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
	}

	@Override
	public void check() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.isValid(this.timeoutSeconds)) {
				throw new SQLException("connection is not valid");
			}
		}
	}

}
