package dev.resilience.autoconfigure.lease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.resilience.lease.JdbcLeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataAccessException;

/**
 * Creates the lease table at start-up as Spring Batch creates its tables: from the DDL of the
 * application's database shipped in the jar ({@code dev/resilience/lease/schema-<platform>.sql}),
 * when {@code resilience.cluster.jdbc.initialize-schema} is {@code always}, or {@code embedded}
 * (the default) on an embedded database. The DDL is {@code create table if not exists}, so
 * several instances may run it; a table name other than {@code resilience_lease} is written into
 * it. A database that cannot be reached at start-up is not initialized (a warning says so).
 *
 * @since 0.1.0
 */
public class LeaseSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	private static final Logger logger = LoggerFactory.getLogger(LeaseSchemaInitializer.class);

	private final String table;

	/**
	 * @param dataSource the application's database
	 * @param mode when to create the table
	 * @param table the table's name
	 */
	public LeaseSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String table) {
		super(dataSource, settings(dataSource, mode));
		this.table = table;
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(mode);
		settings.setContinueOnError(true); // instances racing to create it; a table still missing fails start-up
		if (mode != DatabaseInitializationMode.NEVER) {
			try {
				settings.setSchemaLocations(
						new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource, JdbcLeaseStore.SCHEMA_LOCATION));
			}
			catch (DataAccessException | IllegalStateException ex) {
				logger.warn("The lease table is not created: the database could not be reached to tell its kind: {}",
						ex.toString());
				settings.setMode(DatabaseInitializationMode.NEVER);
			}
		}
		return settings;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		List<Resource> named = new ArrayList<>();
		for (Resource script : scripts) {
			named.add(named(script));
		}
		super.runScripts(new Scripts(named).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(scripts.getEncoding()));
	}

	private Resource named(Resource script) {
		if (JdbcLeaseStore.DEFAULT_TABLE.equals(this.table)) {
			return script;
		}
		try {
			String ddl = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new ByteArrayResource(ddl.replace(JdbcLeaseStore.DEFAULT_TABLE, this.table).getBytes(StandardCharsets.UTF_8),
					script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
