package dev.resilience.autoconfigure.check;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.ObjectName;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.check.CheckState;
import dev.resilience.check.PassiveChecks;
import dev.resilience.tree.SupervisionTree;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The application's {@code DataSource} wrapped for the {@code datasource} check: Hikari, its
 * MXBean, {@code unwrap}, a {@code JdbcTemplate} in a transaction and the health indicator work
 * as before, and failed {@code getConnection()} calls run the check at once.
 */
class PassiveDataSourceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				TransactionAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
				ResilienceAutoConfiguration.class, ResilienceDataSourceCheckAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:passive;DB_CLOSE_DELAY=-1",
				"spring.datasource.hikari.pool-name=passive-pool", "spring.datasource.hikari.register-mbeans=true",
				"resilience.checks.datasource.interval=1h", "resilience.checks.datasource.passing-checks=1");

	@Test
	void hikariBehindTheWrapperStillUnwrapsRegistersItsMXBeanAndRunsTransactions() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(HikariDataSource.class);
			assertThat(PassiveDataSource.isWrapped(dataSource)).isTrue();
			assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
			HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
			assertThat(hikari.getPoolName()).isEqualTo("passive-pool");

			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			jdbc.execute("create table t (id int primary key)");
			transactions.executeWithoutResult((status) -> {
				jdbc.update("insert into t values (1)");
				status.setRollbackOnly();
			});
			transactions.executeWithoutResult((status) -> jdbc.update("insert into t values (2)"));
			assertThat(jdbc.queryForList("select id from t", Integer.class)).containsExactly(2);

			assertThat(hikari.getHikariPoolMXBean().getTotalConnections()).isPositive();
			assertThat(ManagementFactory.getPlatformMBeanServer()
				.isRegistered(new ObjectName("com.zaxxer.hikari:type=Pool (passive-pool)"))).isTrue();
			Health db = context.getBean("dbHealthContributor", HealthIndicator.class).health(true);
			assertThat(db.getStatus()).isEqualTo(Status.UP);
			assertThat(context.getBean(PassiveChecks.class).has("datasource")).isTrue();
		});
	}

	@Test
	void anInjectionPointOfTypeHikariDataSourceGetsTheProxyOfThePool() {
		this.runner.withUserConfiguration(NeedsHikari.class).run((context) -> {
			assertThat(context).hasNotFailed();
			HikariDataSource hikari = context.getBean(NeedsHikari.class).hikari;
			assertThat(hikari).isSameAs(context.getBean(DataSource.class));
			assertThat(PassiveDataSource.isWrapped(hikari)).isTrue();
			assertThat(hikari.getPoolName()).isEqualTo("passive-pool");
			// Spring AOP hands out the proxy where the target returns itself: unwrap keeps reporting
			assertThat(hikari.unwrap(HikariDataSource.class)).isSameAs(hikari);
			assertThat(PassiveDataSource.unwrapped(hikari)).isNotSameAs(hikari).isInstanceOf(HikariDataSource.class);
			SupervisionTree tree = context.getBean(SupervisionTree.class);
			hikari.getConnection().close();
			assertThat(hikari.getHikariPoolMXBean().getTotalConnections()).isPositive();
			assertThat(tree.check("datasource").orElseThrow().reportedFailures()).isZero();
			hikari.close(); // a closed pool refuses every getConnection()
			assertThat(((HikariDataSource) PassiveDataSource.unwrapped(hikari)).isClosed()).isTrue();
			assertThatExceptionOfType(SQLException.class).isThrownBy(hikari::getConnection);
			assertThat(tree.check("datasource").orElseThrow().reportedFailures()).isOne();
		});
	}

	@Test
	void aFinalDataSourceClassGetsAnInterfaceProxyThatStillReports() {
		FailingDataSource failing = new FailingDataSource();
		passiveRunner(failing).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isNotInstanceOf(FailingDataSource.class);
			assertThat(PassiveDataSource.isWrapped(dataSource)).isTrue();
			assertThat(PassiveDataSource.unwrapped(dataSource)).isSameAs(failing);
			assertThat(dataSource.unwrap(FailingDataSource.class)).isSameAs(failing);
			failing.down = true;
			assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection);
			assertThat(context.getBean(SupervisionTree.class).check("datasource").orElseThrow().reportedFailures())
				.isOne();
		});
	}

	@Test
	void theChecksOwnFailuresAreNotReported() {
		FailingDataSource failing = new FailingDataSource();
		failing.down = true;
		passiveRunner(failing).withPropertyValues("resilience.checks.datasource.interval=100ms").run((context) -> {
			SupervisionTree tree = context.getBean(SupervisionTree.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> failing.refused.get() >= 3);
			assertThat(tree.check("datasource").orElseThrow().reportedFailures())
				.as("the check borrows from the unwrapped data source").isZero();
		});
	}

	@Test
	void failedGetConnectionCallsRunTheCheckAtOnce() {
		FailingDataSource failing = new FailingDataSource();
		passiveRunner(failing).run((context) -> {
				SupervisionTree tree = context.getBean(SupervisionTree.class);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> tree.checkState("datasource").orElseThrow() == CheckState.CONNECTED);
				DataSource dataSource = context.getBean(DataSource.class);
				failing.down = true;
				for (int i = 0; i < 2; i++) {
					assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(dataSource::getConnection);
				}
				assertThat(tree.check("datasource").orElseThrow().reportedFailures()).isEqualTo(2);
				assertThat(tree.checkState("datasource")).hasValue(CheckState.CONNECTED);
				assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(dataSource::getConnection);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> tree.checkState("datasource").orElseThrow() == CheckState.DEGRADED);
				assertThat(tree.check("datasource").orElseThrow().passiveTriggers()).isOne();
			});
	}

	@Test
	void aSuccessfulGetConnectionResetsTheCount() {
		FailingDataSource failing = new FailingDataSource();
		passiveRunner(failing).run((context) -> {
				SupervisionTree tree = context.getBean(SupervisionTree.class);
				DataSource dataSource = context.getBean(DataSource.class);
				failing.down = true;
				assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection);
				assertThat(tree.check("datasource").orElseThrow().reportedFailures()).isOne();
				failing.down = false;
				dataSource.getConnection().close();
				assertThat(tree.check("datasource").orElseThrow().reportedFailures()).isZero();
			});
	}

	@Test
	void zeroPassiveFailuresOrNoDatasourceCheckLeaveTheDataSourceAsItIs() {
		this.runner.withPropertyValues("resilience.checks.datasource.passive.failures=0")
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
		this.runner.withPropertyValues("resilience.checks.datasource.enabled=false")
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
	}

	@Test
	void negativePassiveFailuresFailStartUp() {
		this.runner.withPropertyValues("resilience.checks.datasource.passive.failures=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("resilience.checks.datasource.passive.failures"));
	}

	private static ApplicationContextRunner passiveRunner(DataSource dataSource) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceDataSourceCheckAutoConfiguration.class))
			.withBean(DataSource.class, () -> dataSource)
			.withPropertyValues("resilience.checks.datasource.interval=1h", "resilience.checks.datasource.passing-checks=1");
	}

	/** Asks for the pool by its own type. */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class NeedsHikari {

		final HikariDataSource hikari;

		NeedsHikari(HikariDataSource hikari) {
			this.hikari = hikari;
		}

	}

	/** An H2 database that refuses connections, as a pool does while its database is down, when told to. */
	static final class FailingDataSource extends AbstractDataSource {

		private final String url = "jdbc:h2:mem:failing-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

		final AtomicInteger refused = new AtomicInteger();

		volatile boolean down;

		@Override
		public Connection getConnection() throws SQLException {
			if (this.down) {
				this.refused.incrementAndGet();
				throw new SQLTransientConnectionException("pool - Connection is not available, request timed out");
			}
			return DriverManager.getConnection(this.url);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
