package dev.resilience.lease;

import java.util.Locale;

/**
 * What differs between the databases the lease table runs on: the database's time (UTC, as a
 * {@code timestamp} without time zone, whatever the session's time zone), adding milliseconds to
 * it, and reading back the row a statement changed, so that one round trip both changes a lease
 * and tells its new state and the database's time.
 *
 * @since 0.1.0
 */
public enum LeaseDialect {

	/** PostgreSQL: {@code returning}. */
	POSTGRESQL("postgresql", "(current_timestamp at time zone 'UTC')") {

		@Override
		String plusMillis(String timestamp) {
			return "(" + timestamp + " + (? * interval '1 millisecond'))";
		}

		@Override
		String returning(String change, String columns) {
			return change + " returning " + columns;
		}

	},

	/** H2: a data change delta table ({@code final table (...)}). */
	H2("h2", "cast(current_timestamp at time zone 'UTC' as timestamp)") {

		@Override
		String plusMillis(String timestamp) {
			return "dateadd(millisecond, ?, " + timestamp + ")";
		}

		@Override
		String returning(String change, String columns) {
			return "select " + columns + " from final table (" + change + ")";
		}

	};

	private final String platform;

	private final String now;

	LeaseDialect(String platform, String now) {
		this.platform = platform;
		this.now = now;
	}

	/** @return the platform in the DDL's name: {@code schema-<platform>.sql} */
	public String platform() {
		return this.platform;
	}

	/** @return the database's time now, UTC */
	String now() {
		return this.now;
	}

	/** @return {@code timestamp} plus a parameter's milliseconds */
	abstract String plusMillis(String timestamp);

	/** @return a statement that makes {@code change} and answers the changed row's {@code columns} */
	abstract String returning(String change, String columns);

	/**
	 * @param databaseProductName as the JDBC driver names its database
	 * @return the dialect, or {@code null} for a database the lease table does not support
	 */
	public static LeaseDialect of(String databaseProductName) {
		String name = (databaseProductName != null) ? databaseProductName.toLowerCase(Locale.ROOT) : "";
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.equals("h2")) {
			return H2;
		}
		return null;
	}

}
