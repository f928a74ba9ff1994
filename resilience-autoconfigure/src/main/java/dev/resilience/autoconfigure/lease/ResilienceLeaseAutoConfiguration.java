package dev.resilience.autoconfigure.lease;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.settings.Durations;
import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.settings.ResilienceProperties;
import dev.resilience.lease.JdbcLeaseStore;
import dev.resilience.worker.LeaseStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.StringUtils;

/**
 * Cluster singletons on leases in a table of the application's {@link DataSource}
 * ({@code resilience.cluster.leases=jdbc}, the default when there is a DataSource and no ShedLock
 * {@code LockProvider} bean): the {@link JdbcLeaseStore}, the {@link LeaseSchemaInitializer} that
 * creates its table as {@code resilience.cluster.jdbc.initialize-schema} says, and the
 * {@link ClusterLeases} the supervision tree runs them on. A {@link LeaseStore} bean of your own
 * replaces the JDBC one.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@ConditionalOnClass(name = { "org.springframework.jdbc.core.JdbcTemplate",
		"org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer" })
@ConditionalOnSingleCandidate(DataSource.class)
@Conditional(ClusterLeasesCondition.OnJdbc.class)
public final class ResilienceLeaseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeaseSchemaInitializer resilienceLeaseSchemaInitializer(DataSource dataSource, ResilienceProperties properties) {
		ResilienceProperties.Jdbc jdbc = properties.cluster().jdbc();
		return new LeaseSchemaInitializer(dataSource, DatabaseInitializationMode.valueOf(jdbc.initializeSchema().name()),
				table(jdbc));
	}

	@Bean
	@ConditionalOnMissingBean(LeaseStore.class)
	JdbcLeaseStore resilienceLeaseStore(DataSource dataSource, ResilienceProperties properties,
			ObjectProvider<LeaseSchemaInitializer> schema) {
		schema.ifAvailable((initialized) -> {
		}); // the table is created before the store is used
		return new JdbcLeaseStore(dataSource, table(properties.cluster().jdbc()));
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterLeases resilienceClusterLeases(LeaseStore store, ResilienceProperties properties) {
		ResilienceProperties.Cluster cluster = properties.cluster();
		if (cluster.leaseTime().isZero() || cluster.leaseTime().isNegative()) {
			throw new InvalidResiliencePropertyException("resilience.cluster.lease-time", Durations.text(cluster.leaseTime()),
					"a positive duration");
		}
		String instanceId = cluster.instanceId();
		if (instanceId != null && (!StringUtils.hasText(instanceId) || instanceId.length() > 255)) {
			throw new InvalidResiliencePropertyException("resilience.cluster.instance-id", instanceId,
					"an id of 1 to 255 characters, unique in the fleet (unset: host name, process id, random suffix)");
		}
		return new ClusterLeases(store, (instanceId != null) ? instanceId.trim() : ClusterLeases.newInstanceId(),
				cluster.leaseTime(), cluster.jdbc().initializeSchema().name().toLowerCase(java.util.Locale.ROOT))
			.releaseWhenRefusingTraffic(cluster.releaseWhenRefusingTraffic());
	}

	@Bean
	LeaseReadinessListener resilienceLeaseReadinessListener(ObjectProvider<ClusterLeases> leases) {
		return new LeaseReadinessListener(leases);
	}

	/** Tells the cluster leases when the application's readiness changes. */
	static final class LeaseReadinessListener implements ApplicationListener<AvailabilityChangeEvent<?>> {

		private final ObjectProvider<ClusterLeases> leases;

		LeaseReadinessListener(ObjectProvider<ClusterLeases> leases) {
			this.leases = leases;
		}

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
			if (event.getState() instanceof ReadinessState readiness) {
				this.leases.ifUnique((leases) -> leases.refusingTraffic(readiness == ReadinessState.REFUSING_TRAFFIC));
			}
		}

	}

	private static String table(ResilienceProperties.Jdbc jdbc) {
		if (!JdbcLeaseStore.isTableName(jdbc.table())) {
			throw new InvalidResiliencePropertyException("resilience.cluster.jdbc.table", jdbc.table(),
					"a table name of letters, digits and _, optionally after a schema name and a dot");
		}
		return jdbc.table();
	}

}
