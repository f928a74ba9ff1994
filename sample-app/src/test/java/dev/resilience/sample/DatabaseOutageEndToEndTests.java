package dev.resilience.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.check.CheckState;
import dev.resilience.sample.slack.SlackStandIn;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage on embedded PostgreSQL, as people on call see it: {@code payments} and
 * {@code jobs} depend on the {@code datasource} check, so stopping the database sets exactly one
 * alarm per instance ({@code datasource_disconnected}: no {@code jobs_crashing}, no
 * {@code payments_crashing}, no {@code payments_lock_unavailable}), the Slack stand-in gets one
 * "set" and one "recovered" message, and payments resumes within one interval of the check being
 * CONNECTED again, with nothing paid twice; meanwhile {@code GET /payments/summary} answers 503, which
 * a load balancer retries elsewhere. Once with the default configuration, once with two
 * instances under the {@code postgres} profile, where payments is a cluster singleton.
 */
class DatabaseOutageEndToEndTests {

	private static final Duration PAYMENTS_INTERVAL = Duration.ofSeconds(1);

	/** How late a tick may come on a busy machine, on top of the interval. */
	private static final Duration SLACK = Duration.ofMillis(500);

	private static final String ALARM = "datasource_disconnected";

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private Path dataDirectory;

	private int databasePort;

	private EmbeddedPostgres database;

	@BeforeEach
	void startDatabase() throws IOException {
		this.dataDirectory = Files.createTempDirectory("outage-db");
		this.databasePort = freePort();
		this.database = database();
	}

	@AfterEach
	void stop() throws IOException {
		this.instances.forEach(ConfigurableApplicationContext::close);
		if (this.database != null) {
			this.database.close();
		}
		FileSystemUtils.deleteRecursively(this.dataDirectory);
	}

	@Test
	void databaseOutageSetsOneAlarmAndParksTheWorkers() throws Exception {
		start();
		outage();
	}

	@Test
	void databaseOutageSetsOneAlarmPerInstanceWithClusterSingletons() throws Exception {
		start("postgres");
		start("postgres");
		outage();
	}

	private void outage() throws Exception {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.instances.stream().allMatch((instance) -> paymentRuns(instance) >= 2));
		assertThat(this.instances).allSatisfy((instance) -> assertThat(slack(instance)).isEmpty());

		this.database.close();
		this.database = null;
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.instances.stream().allMatch((instance) -> alarms(instance).isSet(ALARM)));
		for (ConfigurableApplicationContext instance : this.instances) {
			assertThat(summaryStatus(instance)).as("GET /payments/summary without its database").isEqualTo(503);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.instances.stream().allMatch((instance) -> parked(instance, "payments", "jobs")));
		List<Long> lockAttemptsWhenParked = this.instances.stream()
			.map(DatabaseOutageEndToEndTests::lockAttempts)
			.toList();
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
			.until(() -> this.instances.stream().allMatch((instance) -> activeAlarms(instance).equals(Set.of(ALARM))));
		assertThat(this.instances.stream().map(DatabaseOutageEndToEndTests::lockAttempts).toList())
			.as("a parked cluster singleton takes no lock").isEqualTo(lockAttemptsWhenParked);

		this.database = database();
		for (ConfigurableApplicationContext instance : this.instances) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> tree(instance).checkState("datasource").orElseThrow() == CheckState.CONNECTED);
			long runsWhenConnected = paymentRuns(instance);
			await().atMost(PAYMENTS_INTERVAL.plus(SLACK)).until(() -> paymentRuns(instance) > runsWhenConnected);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.instances.stream().allMatch((instance) -> slack(instance).size() >= 2));
		for (ConfigurableApplicationContext instance : this.instances) {
			assertThat(slack(instance)).as("one set and one recovered message").hasSize(2)
				.satisfiesExactly((set) -> assertThat(set).contains("Alarm set: " + ALARM),
						(cleared) -> assertThat(cleared).contains("Alarm recovered: " + ALARM));
			assertThat(alarms(instance).history()).extracting((transition) -> transition.alarm().id())
				.as("no jobs_crashing, payments_crashing or payments_lock_unavailable")
				.containsExactly(ALARM, ALARM);
			assertThat(alarms(instance).history()).extracting(AlarmTransition::action)
				.containsExactly(AlarmTransition.Action.SET, AlarmTransition.Action.CLEARED);
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.database.getPostgresDatabase());
		assertThat(jdbc.queryForObject("select count(*) from (select job_id from payments group by job_id "
				+ "having count(*) > 1) twice", Long.class)).as("jobs paid twice").isZero();
		assertThat(jdbc.queryForObject("select count(*) from drivers where paid_cents > owed_cents", Long.class))
			.isZero();
	}

	private static int summaryStatus(ConfigurableApplicationContext instance) throws Exception {
		String port = instance.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/payments/summary"))
			.timeout(Duration.ofSeconds(15))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private void start(String... profiles) throws IOException {
		this.instances.add(new SpringApplicationBuilder(SampleApplication.class).profiles(profiles)
			.run("--server.port=" + freePort(),
					"--spring.datasource.url=jdbc:postgresql://localhost:" + this.databasePort + "/postgres",
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--spring.main.banner-mode=off"));
	}

	private EmbeddedPostgres database() throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(this.databasePort)
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

	/** @return whether the workers are parked, a run in progress as the database stopped ended */
	private static boolean parked(ConfigurableApplicationContext instance, String... workers) {
		SupervisionTree tree = tree(instance);
		for (String worker : workers) {
			WorkerSnapshot snapshot = tree.worker(worker).orElseThrow();
			if (snapshot.state() != WorkerSnapshot.State.PARKED || snapshot.runInProgress()) {
				return false;
			}
		}
		return true;
	}

	/** @return the lock attempts of payments when it is a cluster singleton, 0 otherwise */
	private static long lockAttempts(ConfigurableApplicationContext instance) {
		WorkerSnapshot.Lock lock = tree(instance).worker("payments").orElseThrow().lock();
		return (lock != null) ? lock.acquiredRuns() + lock.skippedRuns() + lock.unavailableRuns() : 0;
	}

	private static long paymentRuns(ConfigurableApplicationContext instance) {
		return tree(instance).worker("payments").orElseThrow().runs();
	}

	private static Set<String> activeAlarms(ConfigurableApplicationContext instance) {
		return alarms(instance).active().stream().map((alarm) -> alarm.id()).collect(Collectors.toSet());
	}

	private static List<String> slack(ConfigurableApplicationContext instance) {
		return instance.getBean(SlackStandIn.class).messages().stream().map(SlackStandIn.Message::text).toList();
	}

	private static Alarms alarms(ConfigurableApplicationContext instance) {
		return instance.getBean(Alarms.class);
	}

	private static SupervisionTree tree(ConfigurableApplicationContext instance) {
		return instance.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
