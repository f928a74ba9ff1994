package dev.resilience.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource a test can cut off (every new connection fails, as when the database is
 * unreachable from this instance alone) or slow down (every connection takes a while to get).
 */
public final class ControlledDataSource extends DelegatingDataSource implements AutoCloseable {

	private volatile boolean cut;

	private volatile Duration delay = Duration.ZERO;

	/**
	 * @param target the real DataSource
	 */
	public ControlledDataSource(DataSource target) {
		super(target);
	}

	/** From now on, no connection can be had. */
	public void cut() {
		this.cut = true;
	}

	/** @param delay how long each connection takes to get from now on */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	/** Closes the real DataSource, if it can be closed (a pool). */
	@Override
	public void close() throws Exception {
		if (getTargetDataSource() instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (this.cut) {
			throw new SQLTransientConnectionException("cut off by the test");
		}
		if (!this.delay.isZero()) {
			LockSupport.parkNanos(this.delay.toNanos()); // a slow network, not a wait of the test's
		}
		return super.getConnection();
	}

}
