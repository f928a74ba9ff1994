package dev.resilience.benchmarks;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.check.PassiveDataSource;
import dev.resilience.check.PassiveChecks;
import dev.resilience.check.PassiveDetector;
import dev.resilience.worker.Trigger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * What passive checking adds to a {@code getConnection()} (issue 20): a data source that hands
 * out one ready connection, bare and behind the {@link PassiveDataSource} proxy (class-based, as a
 * {@code HikariDataSource} gets it) with its check attached, so the difference is the proxy and
 * its reported success; and a reported failure
 * during a storm (past the threshold, inside the one-run-per-timeout gap), the cost every failed
 * call pays. See BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PassiveDataSourceBenchmark {

	private static final SQLException REFUSED = new SQLException("refused");

	private DataSource bare;

	private DataSource wrapped;

	private PassiveChecks passive;

	@Setup
	public void setUp() {
		Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> null);
		this.bare = new OneConnectionDataSource(connection);
		this.passive = new PassiveChecks();
		this.passive.attach(List.of(new PassiveDetector("datasource", 3, Duration.ofSeconds(1), System::nanoTime,
				() -> true, () -> Trigger.STARTED)));
		this.passive.attach(List.of(new PassiveDetector("storm", 3, Duration.ofHours(1), System::nanoTime,
				() -> true, () -> Trigger.STARTED)));
		for (int i = 0; i < 3; i++) {
			this.passive.reportFailure("storm", REFUSED); // triggers once; the next hour is the gap
		}
		this.wrapped = PassiveDataSource.wrap(this.bare, this.passive, "datasource");
	}

	@Benchmark
	public Connection getConnectionBare() throws SQLException {
		return this.bare.getConnection();
	}

	@Benchmark
	public Connection getConnectionWrapped() throws SQLException {
		return this.wrapped.getConnection();
	}

	@Benchmark
	public void reportFailureInAStorm() {
		this.passive.reportFailure("storm", REFUSED);
	}

	/** A data source that hands out one ready connection; not final, so it gets a class-based proxy. */
	static class OneConnectionDataSource extends AbstractDataSource {

		private final Connection connection;

		OneConnectionDataSource(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Connection getConnection() {
			return this.connection;
		}

		@Override
		public Connection getConnection(String username, String password) {
			return this.connection;
		}

	}

}
