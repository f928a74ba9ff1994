package dev.resilience.autoconfigure.lease;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.StartupFailures;
import dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.autoconfigure.worker.ResilienceClusterLockAutoConfiguration;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.lease.JdbcLeaseStore;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.shedlock.ShedLockClusterLock;
import dev.resilience.testsupport.ControlledDataSource;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.Lease;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The choice between leases and ShedLock, the lease table's schema initialization and start-up
 * checks, {@link RunContext} on singletons and other workers, and the lease's meter and snapshot,
 * on H2.
 */
class ResilienceLeaseAutoConfigurationTests {

	private final StartupFailures failures = new StartupFailures();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, DataSourceAutoConfiguration.class,
				ResilienceClusterLockAutoConfiguration.class, ResilienceLeaseAutoConfiguration.class))
		.withInitializer(this.failures)
		.withPropertyValues("resilience.checks.datasource.enabled=false");

	private static String h2() {
		return "spring.datasource.url=jdbc:h2:mem:lease-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
	}

	@Test
	void aDataSourceMeansLeasesInATableTheStarterCreatesOnAnEmbeddedDatabase() {
		this.runner.withPropertyValues(h2()).withBean(Payments.class)
			.withConfiguration(AutoConfigurations.of(ResilienceMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ClusterLeases.class).doesNotHaveBean(ClusterLock.class);
				Payments payments = context.getBean(Payments.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> payments.leases.size() >= 3);
				assertThat(payments.leases).extracting(Lease::token).containsOnly(1L);
				assertThat(payments.leases.get(0).isHeld()).isTrue();
				assertThat(payments.leases.get(0).expiresAt()).isNotNull();
				new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
						"select token from resilience_lease where name = 'payments'", Long.class);
				WorkerSnapshot.Lock lock = context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow()
					.worker("payments").orElseThrow().lock();
				assertThat(lock.heldByThisInstance()).isTrue();
				assertThat(lock.lease().token()).isEqualTo(1);
				assertThat(lock.lease().holder()).isEqualTo(context.getBean(ClusterLeases.class).instanceId());
				assertThat(lock.lease().leaseTime()).isEqualTo(Duration.ofSeconds(10));
				assertThat(lock.lease().nextRunAt()).isNotNull();
				assertThat(context.getBean(MeterRegistry.class).get(WorkerMetrics.LEASE)
					.tags("worker", "payments", "event", "acquired").counter().count()).isEqualTo(1);
				await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(MeterRegistry.class)
					.find(WorkerMetrics.LEASE).tags("event", "renewed").counter() != null);
			});
	}

	@Test
	void aWorkerThatIsNoClusterSingletonGetsARunContextWithoutALease() {
		this.runner.withPropertyValues(h2()).withBean(Reports.class).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> !reports.contexts.isEmpty());
			assertThat(reports.contexts.get(0).worker()).isEqualTo("reports");
			assertThat(reports.contexts.get(0).lease()).isEmpty();
		});
	}

	@Test
	void aMissingTableThatIsNotToBeCreatedFailsStartUpWithItsDdl() {
		this.runner.withPropertyValues(h2(), "resilience.cluster.jdbc.initialize-schema=never")
			.withBean(Payments.class)
			.run((context) -> {
				assertThat(this.failures.text(context.getStartupFailure()))
					.contains("resilience.cluster.jdbc.initialize-schema has the value 'never', which is not allowed")
					.contains("create table if not exists resilience_lease (")
					.contains("next_run_at timestamp");
			});
		this.runner.withPropertyValues(h2(), "resilience.cluster.jdbc.initialize-schema=never")
			.withBean(Reports.class)
			.run((context) -> assertThat(context).as("no cluster singleton, no table needed").hasNotFailed());
	}

	@Test
	void aLeaseTimeShorterThanThreeRoundTripsFailsStartUpNamingItsProperty() {
		ApplicationContextRunner slow = this.runner.withBean(Payments.class)
			.withBean(DataSource.class, () -> {
				ControlledDataSource dataSource = new ControlledDataSource(
						new DriverManagerDataSource("jdbc:h2:mem:slow-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
				dataSource.delay(Duration.ofMillis(40));
				return dataSource;
			})
			.withPropertyValues("resilience.cluster.jdbc.initialize-schema=always");
		slow.withPropertyValues("resilience.cluster.lease-time=60ms").run((context) -> {
			assertThat(this.failures.text(context.getStartupFailure()))
				.contains("resilience.cluster.lease-time has the value '60ms', which is not allowed")
				.contains("at least three renewals' worth of round trips to the database");
		});
		slow.withPropertyValues("resilience.workers.payments.lease-time=60ms").run((context) -> assertThat(
				this.failures.analyze(context).getDescription()).contains("resilience.workers.payments.lease-time has"));
		slow.withPropertyValues("resilience.cluster.lease-time=2s").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aTableOfAnotherNameIsCreatedAndUsed() {
		this.runner.withPropertyValues(h2(), "resilience.cluster.jdbc.table=app_leases").withBean(Payments.class)
			.run((context) -> {
				assertThat(context.getBean(JdbcLeaseStore.class).table()).isEqualTo("app_leases");
				await().atMost(Duration.ofSeconds(10)).until(() -> !context.getBean(Payments.class).leases.isEmpty());
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("select holder from app_leases", String.class)).isNotEmpty();
			});
		this.runner.withPropertyValues(h2(), "resilience.cluster.jdbc.table=leases;drop").run((context) -> assertThat(
				this.failures.analyze(context).getDescription()).contains("resilience.cluster.jdbc.table has"));
	}

	@Test
	void shedLockWhenChosenOrWhenTheApplicationDefinesALockProvider() {
		this.runner.withPropertyValues(h2(), "resilience.cluster.leases=shedlock").run((context) -> assertThat(context)
			.hasSingleBean(ShedLockClusterLock.class)
			.doesNotHaveBean(ClusterLeases.class)
			.doesNotHaveBean(LeaseSchemaInitializer.class));
		LockProvider mine = (configuration) -> Optional.empty();
		this.runner.withPropertyValues(h2()).withBean(LockProvider.class, () -> mine).run((context) -> assertThat(context)
			.hasSingleBean(ShedLockClusterLock.class)
			.doesNotHaveBean(ClusterLeases.class));
		this.runner.withPropertyValues(h2(), "resilience.cluster.leases=jdbc").withBean(LockProvider.class, () -> mine)
			.run((context) -> assertThat(context).hasSingleBean(ClusterLeases.class).doesNotHaveBean(ClusterLock.class));
	}

	@Test
	void everyContextIsAnInstanceOfItsOwnUnlessNamed() {
		String one = ClusterLeases.newInstanceId();
		String two = ClusterLeases.newInstanceId();
		assertThat(one).isNotEqualTo(two).matches(".+-\\d+-[0-9a-f]{8}");
		this.runner.withPropertyValues(h2(), "resilience.cluster.instance-id=pay-1").run((context) -> assertThat(
				context.getBean(ClusterLeases.class).instanceId()).isEqualTo("pay-1"));
		this.runner.withPropertyValues(h2(), "resilience.cluster.lease-time=0s").run((context) -> assertThat(
				this.failures.analyze(context).getDescription()).contains("resilience.cluster.lease-time has"));
	}

	static class Payments {

		final List<Lease> leases = new CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "payments", interval = "50ms", clusterSingleton = true)
		public void pay(RunContext run) {
			this.leases.add(run.lease().orElseThrow());
		}

	}

	static class Reports {

		final List<RunContext> contexts = new CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "reports", interval = "50ms")
		public void report(RunContext run) {
			this.contexts.add(run);
		}

	}

}
