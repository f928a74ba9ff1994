package dev.resilience.check;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link DataSourceCheck} against a stand-in data source that records what it is asked.
 */
class DataSourceCheckTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private boolean valid = true;

	@Test
	void validConnectionPassesAndIsClosed() throws Exception {
		new DataSourceCheck(dataSource(), Duration.ofSeconds(2)).check();
		assertThat(this.calls).containsExactly("getConnection", "isValid 2", "close");
	}

	@Test
	void invalidConnectionFailsAndIsClosed() {
		this.valid = false;
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> new DataSourceCheck(dataSource(), Duration.ofSeconds(2)).check())
			.withMessage("connection is not valid");
		assertThat(this.calls).containsExactly("getConnection", "isValid 2", "close");
	}

	@Test
	void timeoutIsRoundedUpToWholeSecondsAndIsAtLeastOne() throws Exception {
		new DataSourceCheck(dataSource(), Duration.ofMillis(1500)).check();
		new DataSourceCheck(dataSource(), Duration.ofMillis(1)).check();
		new DataSourceCheck(dataSource(), Duration.ofMillis(3001)).check();
		assertThat(this.calls).filteredOn((call) -> call.startsWith("isValid"))
			.containsExactly("isValid 2", "isValid 1", "isValid 4");
	}

	private DataSource dataSource() {
		Connection connection = proxy(Connection.class, (method, args) -> switch (method) {
			case "isValid" -> {
				this.calls.add("isValid " + args[0]);
				yield this.valid;
			}
			case "close" -> {
				this.calls.add("close");
				yield null;
			}
			default -> throw new UnsupportedOperationException(method);
		});
		return proxy(DataSource.class, (method, args) -> {
			if (!method.equals("getConnection")) {
				throw new UnsupportedOperationException(method);
			}
			this.calls.add("getConnection");
			return connection;
		});
	}

	private static <T> T proxy(Class<T> type, Answer answer) {
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(instance, method, args) -> answer.answer(method.getName(), args)));
	}

	@FunctionalInterface
	private interface Answer {

		Object answer(String method, Object[] args);

	}

}
