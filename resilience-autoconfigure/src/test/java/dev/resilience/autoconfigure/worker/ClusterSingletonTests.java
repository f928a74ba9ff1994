package dev.resilience.autoconfigure.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.worker.SupervisedWorker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of one application on one PostgreSQL, on ShedLock
 * ({@code resilience.cluster.leases=shedlock}): a cluster-singleton worker runs on one instance
 * at a time, also while instances stop and start, and not at all while the lock store is down.
 * The same on leases: {@code dev.resilience.autoconfigure.lease.LeaseFleetTests}.
 */
class ClusterSingletonTests {

	private static final Duration INTERVAL = Duration.ofMillis(10);

	private static final Duration LOCK_AT_MOST_FOR = Duration.ofSeconds(5);

	private Path data;

	private int port;

	private EmbeddedPostgres database;

	private JdbcTemplate jdbc;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeEach
	void startDatabase() throws IOException {
		this.data = Files.createTempDirectory("fleet-db");
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.database = postgres();
		this.jdbc = new JdbcTemplate(this.database.getPostgresDatabase());
		this.jdbc.execute("create table shedlock (name varchar(64) not null primary key, lock_until timestamp not null, "
				+ "locked_at timestamp not null, locked_by varchar(255) not null)");
		this.jdbc.execute("create table runs (id bigserial primary key, instance varchar(20) not null, "
				+ "started timestamptz not null, ended timestamptz)");
	}

	@AfterEach
	void stopAll() throws IOException {
		this.instances.forEach(ConfigurableApplicationContext::close);
		if (this.database != null) {
			this.database.close();
		}
		FileSystemUtils.deleteRecursively(this.data);
	}

	@Test
	void runsOnOneInstanceAtATimeWhileInstancesStopAndStart() {
		start("a");
		start("b");
		start("c");
		awaitRuns(300);

		stopTheHolderAndExpectAnotherToTakeOver();
		start("d");
		awaitRuns(600);

		stopTheHolderAndExpectAnotherToTakeOver();
		start("e");
		awaitRuns(1000);

		long runs = this.jdbc.queryForObject("select count(*) from runs where ended is not null", Long.class);
		long overlaps = this.jdbc.queryForObject("select count(*) from runs a join runs b on a.id < b.id "
				+ "and a.started < coalesce(b.ended, 'infinity') and b.started < coalesce(a.ended, 'infinity')",
				Long.class);
		long instancesThatRan = this.jdbc.queryForObject("select count(distinct instance) from runs", Long.class);
		System.out.printf("Cluster singleton: %d runs on %d instances, %d overlaps%n", runs, instancesThatRan, overlaps);
		assertThat(runs).isGreaterThanOrEqualTo(1000);
		assertThat(overlaps).isZero();
		assertThat(instancesThatRan).isGreaterThanOrEqualTo(2);
		assertThat(skipped()).as("runs skipped because another instance held the lock").isPositive();
	}

	@Test
	void aDeadHolderIsReplacedWithinLockAtMostForPlusOneInterval() {
		start("a");
		start("b");
		awaitRuns(50);
		// a holder that died mid-run: its lock stays until lock_until, nobody releases it
		Duration ghostHold = Duration.ofSeconds(2);
		this.jdbc.update("update shedlock set lock_until = now() + make_interval(secs => ?), locked_by = 'dead-holder' "
				+ "where name = 'ledger'", (double) ghostHold.toMillis() / 1000);
		long ghostSetAt = System.nanoTime();
		long lastRunBefore = this.jdbc.queryForObject("select max(id) from runs", Long.class);
		await().atMost(ghostHold.plus(INTERVAL).plus(Duration.ofSeconds(3)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where id > ?", Long.class,
					lastRunBefore + 1) > 0);
		Duration takeOver = Duration.ofNanos(System.nanoTime() - ghostSetAt);
		System.out.printf("Cluster singleton: taken over %d ms after a holder died holding a %d ms lock%n",
				takeOver.toMillis(), ghostHold.toMillis());
		assertThat(takeOver).isGreaterThanOrEqualTo(ghostHold.minus(Duration.ofMillis(500)));
	}

	@Test
	void lockStoreDownStopsEverySingletonRunAndSetsAnAlarmThenRunsResume() throws IOException {
		start("a");
		start("b");
		awaitRuns(50);
		this.database.close();
		this.database = null;
		long storeDownAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.instances.stream()
				.allMatch((instance) -> instance.getBean(Alarms.class).isSet("ledger_lock_unavailable")));
		int started = startedRuns();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> startedRuns() == started);
		long lastStart = this.instances.stream()
			.mapToLong((instance) -> instance.getBean(Fleet.class).lastStartedAt.get())
			.max()
			.orElseThrow();
		System.out.printf("Cluster singleton: last run started %d ms after the lock store went down (interval %d ms)%n",
				TimeUnit.NANOSECONDS.toMillis(lastStart - storeDownAt), INTERVAL.toMillis());
		assertThat(lastStart - storeDownAt).as("last run start after the store went down, ns")
			.isLessThanOrEqualTo(INTERVAL.toNanos());

		this.database = postgres();
		await().atMost(Duration.ofSeconds(30)).until(() -> startedRuns() > started + 10);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.instances.stream()
				.noneMatch((instance) -> instance.getBean(Alarms.class).isSet("ledger_lock_unavailable")));
	}

	@Test
	void withoutShedLockTheStarterWorksAsBeforeAndASingletonIsRefused() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceClusterLockAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("net.javacrumbs.shedlock"));
		runner.withBean(PlainWorker.class).run((context) -> {
			assertThat(context).hasNotFailed();
			await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(PlainWorker.class).runs.get() >= 2);
		});
		runner.withBean(PlainWorker.class).withPropertyValues("resilience.workers.plain.cluster-singleton=true")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("cluster-singleton of worker 'plain'")
				.hasMessageContaining("ShedLock"));
	}

	private void stopTheHolderAndExpectAnotherToTakeOver() {
		String holder = this.jdbc.queryForObject("select instance from runs order by id desc limit 1", String.class);
		ConfigurableApplicationContext instance = this.instances.stream()
			.filter((candidate) -> holder.equals(candidate.getEnvironment().getProperty("instance.name")))
			.findFirst()
			.orElseThrow();
		instance.close();
		this.instances.remove(instance);
		long stoppedAt = System.nanoTime();
		long lastId = this.jdbc.queryForObject("select max(id) from runs", Long.class);
		await().atMost(LOCK_AT_MOST_FOR.plus(INTERVAL).plus(Duration.ofSeconds(2)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where id > ? and instance <> ?",
					Long.class, lastId, holder) > 0);
		System.out.printf("Cluster singleton: holder %s stopped, another instance ran %d ms later%n", holder,
				Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis());
	}

	private void awaitRuns(long runs) {
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs", Long.class) >= runs);
	}

	private int startedRuns() {
		return this.instances.stream().mapToInt((instance) -> instance.getBean(Fleet.class).started.get()).sum();
	}

	private long skipped() {
		return this.instances.stream()
			.mapToLong((instance) -> instance.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().worker("ledger").orElseThrow().lock().skippedRuns())
			.sum();
	}

	private void start(String name) {
		this.instances.add(new SpringApplicationBuilder(Fleet.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "instance.name=" + name,
					"spring.datasource.url=jdbc:postgresql://localhost:" + this.port + "/postgres",
					"spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=4",
					"spring.datasource.hikari.connection-timeout=500", "resilience.checks.datasource.enabled=false",
					"resilience.cluster.leases=shedlock")
			.run());
	}

	private EmbeddedPostgres postgres() throws IOException {
		return EmbeddedPostgres.builder().setPort(this.port).setDataDirectory(this.data).setCleanDataDirectory(false).start();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Fleet {

		final AtomicInteger started = new AtomicInteger();

		final AtomicLong lastStartedAt = new AtomicLong(Long.MIN_VALUE);

		@Bean
		LedgerWorker ledgerWorker(JdbcTemplate jdbc, @Value("${instance.name}") String instance) {
			return new LedgerWorker(jdbc, instance, this.started, this.lastStartedAt);
		}

	}

	static class LedgerWorker {

		private final JdbcTemplate jdbc;

		private final String instance;

		private final AtomicInteger started;

		private final AtomicLong lastStartedAt;

		LedgerWorker(JdbcTemplate jdbc, String instance, AtomicInteger started, AtomicLong lastStartedAt) {
			this.jdbc = jdbc;
			this.instance = instance;
			this.started = started;
			this.lastStartedAt = lastStartedAt;
		}

		@SupervisedWorker(name = "ledger", interval = "10ms", timeout = "5s", clusterSingleton = true)
		public void post() {
			this.started.incrementAndGet();
			this.lastStartedAt.set(System.nanoTime());
			Long id = this.jdbc.queryForObject(
					"insert into runs (instance, started) values (?, clock_timestamp()) returning id", Long.class,
					this.instance);
			this.jdbc.queryForObject("select pg_sleep(0.002)::text", String.class);
			this.jdbc.update("update runs set ended = clock_timestamp() where id = ?", id);
		}

	}

	static class PlainWorker {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "plain", interval = "20ms")
		public void run() {
			this.runs.incrementAndGet();
		}

	}

}
