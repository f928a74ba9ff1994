package dev.resilience.autoconfigure.lease;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.runtime.Timer;
import dev.resilience.testsupport.ControlledDataSource;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.Lease;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.SupervisedWorker;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of one application on one PostgreSQL, in one JVM, running the cluster
 * singleton {@code ledger} on leases. Instance {@code a} tells the time 1 minute ahead (its
 * runtime's {@link Clock}), so every hand-over here also holds across skewed clocks: leases go by
 * the database's clock only. Every run records its instance, token and database times in
 * {@code runs}, and makes a write fenced by its token ({@code update fence ... where token <= ?}).
 */
class LeaseFleetTests {

	private static final Duration LEASE_TIME = Duration.ofMillis(1500);

	private static final Duration SKEW = Duration.ofMinutes(1);

	private static EmbeddedPostgres database;

	private JdbcTemplate jdbc;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startDatabase() throws IOException {
		database = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopDatabase() throws IOException {
		database.close();
	}

	@BeforeEach
	void createTables() {
		this.jdbc = new JdbcTemplate(database.getPostgresDatabase());
		this.jdbc.execute("drop table if exists runs, fence, resilience_lease");
		this.jdbc.execute("create table runs (id bigserial primary key, instance varchar(20) not null, "
				+ "token bigint not null, started timestamptz not null, ended timestamptz, fenced int)");
		this.jdbc.execute("create table fence (id int primary key, token bigint not null, writes int not null)");
		this.jdbc.execute("insert into fence values (1, 0, 0)");
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach((instance) -> instance.getBean(Ledger.class).stall.countDown());
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void stickyNoHandOverIn100RunsWhileAllAreHealthy() {
		startFleet("50ms");
		awaitRuns(100);
		Map<String, Object> first100 = this.jdbc.queryForMap("select count(distinct instance) instances, "
				+ "count(distinct token) tokens from (select * from runs order by id limit 100) r");
		assertThat(first100).containsEntry("instances", 1L).containsEntry("tokens", 1L);
		assertThat(this.jdbc.queryForObject("select count(*) from runs where fenced = 0", Long.class)).isZero();
		assertThat(skew(instance("a"))).as("instance a's runtime clock, ahead").isGreaterThan(SKEW.minusSeconds(1));
	}

	@Test
	void aStalledHolderLosesItsLeaseAnotherTakesOverWithALargerTokenAndTheStalledWriteIsFenced() {
		Duration interval = Duration.ofMillis(200);
		Duration timeout = Duration.ofMillis(600);
		startFleet("200ms");
		awaitRuns(3);
		String holder = lastRun("instance", String.class);
		long token = lastRun("token", Long.class);
		Ledger stalled = instance(holder).getBean(Ledger.class);
		stalled.stall = new CountDownLatch(1); // its next run ignores interrupts until released
		await().atMost(Duration.ofSeconds(5)).until(() -> stalled.stalling);
		Timestamp stalledAt = this.jdbc.queryForObject("select max(started) from runs where instance = ?",
				Timestamp.class, holder);

		await().atMost(timeout.plus(LEASE_TIME).plus(interval).plus(Duration.ofSeconds(3)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where instance <> ?", Long.class,
					holder) > 0);
		Map<String, Object> takeOver = this.jdbc.queryForMap("select instance, token, started from runs "
				+ "where instance <> ? order by id limit 1", holder);
		Duration after = Duration.between(stalledAt.toInstant(), ((Timestamp) takeOver.get("started")).toInstant());
		System.out.printf("Leases: %s stalled holding token %d; %s took over with token %d, %d ms after the stall "
				+ "began (timeout %d ms, lease time %d ms, interval %d ms)%n", holder, token, takeOver.get("instance"),
				takeOver.get("token"), after.toMillis(), timeout.toMillis(), LEASE_TIME.toMillis(), interval.toMillis());
		assertThat((Long) takeOver.get("token")).isGreaterThan(token);
		assertThat(after).as("taken over within the timeout, the lease time and one interval, after the stall")
			.isLessThanOrEqualTo(timeout.plus(LEASE_TIME).plus(interval).plus(Duration.ofMillis(500)));

		stalled.stall.countDown();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where token = ? and ended is not null "
					+ "and started = ?", Long.class, token, stalledAt) == 1);
		assertThat(this.jdbc.queryForObject("select fenced from runs where started = ? and instance = ?", Integer.class,
				stalledAt, holder)).as("rows the stalled run's fenced write changed").isZero();
		assertThat(this.jdbc.queryForObject("select token from fence", Long.class)).isGreaterThan(token);
		assertThat(tree(instance(holder)).worker("ledger").orElseThrow().lastFailure().outcome())
			.isEqualTo(RunOutcome.TIMEOUT);
		long taken = this.jdbc.queryForObject("select max(id) from runs", Long.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.jdbc.queryForObject("select count(*) from runs where id > ?",
				Long.class, taken) >= 5);
		assertThat(this.jdbc.queryForObject("select count(*) from runs where id > ? and instance = ?", Long.class,
				taken, holder)).as("runs of the resumed holder").isZero();
	}

	@Test
	void aGracefulStopHandsTheLeaseOverWithinOneIntervalAndTheFleetKeepsTheFixedDelay() {
		Duration interval = Duration.ofMillis(500);
		startFleet("500ms");
		awaitRuns(3);
		String holder = lastRun("instance", String.class);
		long token = lastRun("token", Long.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> lastRun("ended", Timestamp.class) != null);
		Timestamp stoppedAt = this.jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
		stop(holder);
		Timestamp lastEnd = this.jdbc.queryForObject("select max(ended) from runs where instance = ?", Timestamp.class,
				holder);
		await().atMost(interval.plus(Duration.ofSeconds(3)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where instance <> ?", Long.class,
					holder) > 0);
		Map<String, Object> next = this.jdbc.queryForMap("select instance, token, started from runs "
				+ "where instance <> ? order by id limit 1", holder);
		Timestamp started = (Timestamp) next.get("started");
		Duration handOver = Duration.between(stoppedAt.toInstant(), started.toInstant());
		Duration gap = Duration.between(lastEnd.toInstant(), started.toInstant());
		System.out.printf("Leases: %s stopped; %s ran %d ms later with token %d; gap between the runs %d ms "
				+ "(interval %d ms)%n", holder, next.get("instance"), handOver.toMillis(), next.get("token"),
				gap.toMillis(), interval.toMillis());
		assertThat(handOver).as("hand-over").isLessThanOrEqualTo(interval.plusSeconds(1));
		assertThat(gap).as("cluster-wide fixed delay across the hand-over")
			.isBetween(interval.multipliedBy(8).dividedBy(10), interval.multipliedBy(12).dividedBy(10));
		assertThat((Long) next.get("token")).isEqualTo(token + 1);
		assertThat(this.jdbc.queryForObject("select holder from resilience_lease", String.class))
			.isEqualTo(next.get("instance"));
	}

	@Test
	void aHolderThatDiesWithoutReleasingIsReplacedWithinTheLeaseTimeAndOneInterval() {
		Duration interval = Duration.ofMillis(300);
		startFleet("300ms");
		awaitRuns(3);
		String holder = lastRun("instance", String.class);
		long token = lastRun("token", Long.class);
		Timestamp diedAt = this.jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
		ConfigurableApplicationContext dying = instance(holder);
		dying.getBean(ControlledDataSource.class).cut(); // nothing reaches the database from it any more
		dying.close(); // its release fails: a crash, as far as the database can tell
		this.instances.remove(dying);
		await().atMost(LEASE_TIME.plus(interval).plus(Duration.ofSeconds(3)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where instance <> ? and started > ?",
					Long.class, holder, diedAt) > 0);
		Map<String, Object> next = this.jdbc.queryForMap("select instance, token, started from runs "
				+ "where instance <> ? and started > ? order by id limit 1", holder, diedAt);
		Duration failover = Duration.between(diedAt.toInstant(), ((Timestamp) next.get("started")).toInstant());
		System.out.printf("Leases: %s died holding token %d; %s took over %d ms later with token %d (lease time %d ms, "
				+ "interval %d ms)%n", holder, token, next.get("instance"), failover.toMillis(), next.get("token"),
				LEASE_TIME.toMillis(), interval.toMillis());
		assertThat(failover).isLessThanOrEqualTo(LEASE_TIME.plus(interval).plus(Duration.ofMillis(500)));
		assertThat((Long) next.get("token")).isGreaterThan(token);
	}

	@Test
	void aHolderThatRefusesTrafficReleasesItsLeaseAndTakesNoneUntilItAcceptsTrafficAgain() {
		Duration interval = Duration.ofMillis(300);
		startFleet("300ms");
		awaitRuns(3);
		String holder = lastRun("instance", String.class);
		long token = lastRun("token", Long.class);
		Timestamp refusedAt = this.jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
		AvailabilityChangeEvent.publish(instance(holder), ReadinessState.REFUSING_TRAFFIC);
		await().atMost(interval.plus(Duration.ofSeconds(2)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where instance <> ? and started > ?",
					Long.class, holder, refusedAt) > 0);
		Map<String, Object> next = this.jdbc.queryForMap("select instance, token, started from runs "
				+ "where instance <> ? and started > ? order by id limit 1", holder, refusedAt);
		System.out.printf("Leases: %s refused traffic; %s ran %d ms later with token %d%n", holder,
				next.get("instance"), Duration.between(refusedAt.toInstant(), ((Timestamp) next.get("started"))
					.toInstant()).toMillis(), next.get("token"));
		assertThat((Long) next.get("token")).isGreaterThan(token);
		// every other instance stops gracefully: the lease is free, and the refusing one does not take it
		List.of("a", "b", "c").stream().filter((name) -> !name.equals(holder)).forEach(this::stop);
		Timestamp othersGone = this.jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
		await().during(LEASE_TIME.plus(interval.multipliedBy(3))).atMost(LEASE_TIME.plus(Duration.ofSeconds(5)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where started > ?", Long.class,
					othersGone) == 0);
		assertThat(this.jdbc.queryForObject("select holder from resilience_lease", String.class)).isNotEqualTo(holder);
		AvailabilityChangeEvent.publish(instance(holder), ReadinessState.ACCEPTING_TRAFFIC);
		await().atMost(interval.plus(Duration.ofSeconds(3)))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where instance = ? and started > ?",
					Long.class, holder, othersGone) > 0);
	}

	@Test
	void withTheOptionOffAHolderThatRefusesTrafficKeepsItsLease() {
		start("a", "300ms", "resilience.cluster.release-when-refusing-traffic=false");
		start("b", "300ms", "resilience.cluster.release-when-refusing-traffic=false");
		awaitRuns(3);
		String holder = lastRun("instance", String.class);
		Timestamp refusedAt = this.jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
		AvailabilityChangeEvent.publish(instance(holder), ReadinessState.REFUSING_TRAFFIC);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs where started > ?", Long.class,
					refusedAt) >= 5);
		assertThat(this.jdbc.queryForObject("select count(distinct instance) from runs where started > ?", Long.class,
				refusedAt)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select holder from resilience_lease", String.class)).isEqualTo(holder);
	}

	/** Starts instances a (its clock a minute ahead), b and c. */
	private void startFleet(String interval) {
		start("a", interval);
		start("b", interval);
		start("c", interval);
	}

	private void awaitRuns(long runs) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from runs", Long.class) >= runs);
	}

	private <T> T lastRun(String column, Class<T> type) {
		return this.jdbc.queryForObject("select " + column + " from runs order by id desc limit 1", type);
	}

	private ConfigurableApplicationContext instance(String name) {
		return this.instances.stream()
			.filter((candidate) -> name.equals(candidate.getEnvironment().getProperty("instance.name")))
			.findFirst()
			.orElseThrow();
	}

	private void stop(String name) {
		ConfigurableApplicationContext instance = instance(name);
		instance.close();
		this.instances.remove(instance);
	}

	private static SupervisionTree tree(ConfigurableApplicationContext instance) {
		return instance.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
	}

	private static Duration skew(ConfigurableApplicationContext instance) {
		return Duration.between(Clock.systemUTC().instant(), instance.getBean(Timer.class).clock().instant());
	}

	private void start(String name, String interval, String... properties) {
		this.instances.add(new SpringApplicationBuilder(Fleet.class).web(WebApplicationType.NONE)
			.properties(properties)
			.properties("spring.main.banner-mode=off", "instance.name=" + name, "fleet.interval=" + interval,
					"fleet.skewed=" + name.equals("a"), "resilience.checks.datasource.enabled=false",
					"resilience.cluster.instance-id=" + name, "resilience.cluster.lease-time=" + LEASE_TIME.toMillis() + "ms",
					"resilience.cluster.jdbc.initialize-schema=always",
					"resilience.workers.ledger.timeout=600ms")
			.run());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Fleet {

		@Bean
		ControlledDataSource dataSource() {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl("jdbc:postgresql://localhost:" + database.getPort() + "/postgres");
			pool.setUsername("postgres");
			pool.setMaximumPoolSize(4);
			pool.setConnectionTimeout(500);
			return new ControlledDataSource(pool);
		}

		/** The tree's one timer; on instance a, its clock is a minute ahead. */
		@Bean(destroyMethod = "close")
		Timer resilienceTimer(@Value("${fleet.skewed}") boolean skewed) {
			Clock clock = skewed ? Clock.offset(Clock.systemUTC(), SKEW) : Clock.systemUTC();
			return Timer.on(Executors.newSingleThreadScheduledExecutor(), System::nanoTime, clock);
		}

		@Bean
		Ledger ledger(DataSource dataSource, @Value("${instance.name}") String instance) {
			return new Ledger(new JdbcTemplate(dataSource), instance);
		}

	}

	static class Ledger {

		private final JdbcTemplate jdbc;

		private final String instance;

		volatile CountDownLatch stall = new CountDownLatch(0);

		volatile boolean stalling;

		Ledger(JdbcTemplate jdbc, String instance) {
			this.jdbc = jdbc;
			this.instance = instance;
		}

		@SupervisedWorker(name = "ledger", interval = "${fleet.interval}", clusterSingleton = true)
		public void post(RunContext run) {
			Lease lease = run.lease().orElseThrow();
			Long id = this.jdbc.queryForObject(
					"insert into runs (instance, token, started) values (?, ?, clock_timestamp()) returning id", Long.class,
					this.instance, lease.token());
			CountDownLatch latch = this.stall;
			if (latch.getCount() > 0) {
				this.stalling = true;
				awaitIgnoringInterrupts(latch);
			}
			int fenced = this.jdbc.update("update fence set token = ?, writes = writes + 1 where id = 1 and token <= ?",
					lease.token(), lease.token());
			this.jdbc.update("update runs set ended = clock_timestamp(), fenced = ? where id = ?", fenced, id);
		}

		/** A run stuck in a call that ignores interrupts: a JDBC driver waiting on a socket, a frozen VM. */
		private static void awaitIgnoringInterrupts(CountDownLatch latch) {
			while (latch.getCount() > 0) {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					// ignored, as the call this stands for ignores it
				}
			}
		}

	}

}
