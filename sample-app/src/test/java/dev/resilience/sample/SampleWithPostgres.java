package dev.resilience.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The sample started on a free port against an embedded PostgreSQL whose data outlives a stop,
 * so a test can take the database away and bring it back on the same port.
 */
final class SampleWithPostgres implements AutoCloseable {

	private final Path dataDirectory;

	private final int databasePort;

	private final int port;

	private final ConfigurableApplicationContext app;

	private EmbeddedPostgres database;

	/**
	 * Starts the database, then the sample.
	 * @param args further arguments of the sample
	 */
	SampleWithPostgres(String... args) throws IOException {
		this(new Class<?>[0], args);
	}

	/**
	 * Starts the database, then the sample with more sources, such as a configuration that
	 * imports the test kit's virtual time.
	 * @param sources further sources of the sample's application context
	 * @param args further arguments of the sample
	 */
	SampleWithPostgres(Class<?>[] sources, String... args) throws IOException {
		this.dataDirectory = Files.createTempDirectory("payments-db");
		this.databasePort = freePort();
		startDatabase();
		this.port = freePort();
		String[] all = new String[args.length + 5];
		all[0] = "--server.port=" + this.port;
		all[1] = "--spring.datasource.url=jdbc:postgresql://localhost:" + this.databasePort + "/postgres";
		all[2] = "--spring.datasource.username=postgres";
		all[3] = "--spring.datasource.password=postgres";
		all[4] = "--spring.main.banner-mode=off";
		System.arraycopy(args, 0, all, 5, args.length);
		this.app = new SpringApplicationBuilder(SampleApplication.class).sources(sources).run(all);
	}

	ConfigurableApplicationContext app() {
		return this.app;
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	void stopDatabase() throws IOException {
		this.database.close();
		this.database = null;
	}

	void startDatabase() throws IOException {
		this.database = EmbeddedPostgres.builder()
			.setPort(this.databasePort)
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

	@Override
	public void close() throws IOException {
		this.app.close();
		if (this.database != null) {
			this.database.close();
		}
		FileSystemUtils.deleteRecursively(this.dataDirectory);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
