import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL (zonky, as the sample's tests use it) on the given port, until the JVM
 * is told to stop (SIGTERM): the end-to-end scripts (haproxy-e2e.sh, alertmanager-e2e.sh) run it
 * with Java's source launcher on the sample's test class path. User and password: postgres.
 */
public class E2ePostgres {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				postgres.close();
			}
			catch (Exception ex) {
				ex.printStackTrace();
			}
		}));
		System.out.println("E2E POSTGRES READY on port " + port);
		System.out.flush();
		Thread.currentThread().join();
	}

}
