package dev.resilience.autoconfigure.check;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.check.DataSourceCheck;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The built-in dependency check named {@code datasource}, when a {@link DataSource} bean exists.
 * Off with {@code resilience.checks.datasource.enabled=false}.
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DataSource.class)
@ConditionalOnBean({ DataSource.class, ResilienceProperties.class })
@ConditionalOnBooleanProperty(name = "resilience.checks.datasource.enabled", matchIfMissing = true)
public final class ResilienceDataSourceCheckAutoConfiguration {

	@Bean(name = DependencyChecks.DATASOURCE)
	@ConditionalOnMissingBean(name = DependencyChecks.DATASOURCE)
	DataSourceCheck datasourceDependencyCheck(DataSource dataSource, ResilienceProperties properties) {
		ResilienceProperties.Check check = properties.getChecks().get(DependencyChecks.DATASOURCE);
		java.time.Duration timeout = (check == null) ? java.time.Duration.ofSeconds(1)
				: (check.getTimeout() != null) ? check.getTimeout() : check.getInterval();
		return new DataSourceCheck(dataSource, timeout);
	}

}
