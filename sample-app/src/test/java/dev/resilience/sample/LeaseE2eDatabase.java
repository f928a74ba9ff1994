package dev.resilience.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * For {@code sample-app/lease-e2e.sh}: {@code serve <port>} runs an embedded PostgreSQL on that
 * port until the process is stopped (prints {@code ready} once it accepts connections);
 * {@code query <port> <sql>} prints the first column of the first row of a query.
 */
public final class LeaseE2eDatabase {

	private LeaseE2eDatabase() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[1]);
		if ("serve".equals(args[0])) {
			EmbeddedPostgres database = EmbeddedPostgres.builder().setPort(port).start();
			CountDownLatch stopped = new CountDownLatch(1);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					database.close();
				}
				catch (Exception ex) {
					// stopping anyway
				}
				stopped.countDown();
			}));
			System.out.println("ready");
			System.out.flush();
			stopped.await();
			return;
		}
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
				"postgres", "postgres"); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(args[2])) {
			System.out.println(result.next() ? result.getString(1) : "");
		}
	}

}
