package dev.resilience.autoconfigure.worker;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.lease.ClusterLeasesCondition;
import dev.resilience.shedlock.ShedLockClusterLock;
import dev.resilience.worker.ClusterLock;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster lock of cluster-singleton workers on ShedLock, when ShedLock is on the class path
 * and {@code resilience.cluster.leases} is {@code shedlock}, or unset while the application
 * defines a {@link LockProvider} bean (otherwise cluster singletons run on leases): on the
 * user's {@link LockProvider} bean, or else on a JDBC {@link JdbcTemplateLockProvider} over the
 * {@link DataSource} using the database's time (table {@code shedlock}, which the application
 * creates).
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "dev.resilience.autoconfigure.ResilienceAutoConfiguration",
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "net.javacrumbs.shedlock.core.LockProvider")
@Conditional(ClusterLeasesCondition.OnShedLock.class)
public final class ResilienceClusterLockAutoConfiguration {

	// after the nested configuration, whose lock provider it may use
	@Bean
	@ConditionalOnBean(LockProvider.class)
	@ConditionalOnMissingBean(ClusterLock.class)
	ShedLockClusterLock shedLockClusterLock(LockProvider lockProvider) {
		return new ShedLockClusterLock(lockProvider);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider",
			"org.springframework.jdbc.core.JdbcTemplate" })
	@ConditionalOnSingleCandidate(DataSource.class)
	static class JdbcLockProviderConfiguration {

		@Bean
		@ConditionalOnMissingBean(LockProvider.class)
		JdbcTemplateLockProvider resilienceLockProvider(DataSource dataSource) {
			return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.usingDbTime()
				.build());
		}

	}

}
