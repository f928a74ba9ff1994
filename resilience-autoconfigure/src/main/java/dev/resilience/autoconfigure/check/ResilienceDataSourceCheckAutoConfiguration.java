package dev.resilience.autoconfigure.check;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
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
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "dev.resilience.autoconfigure.ResilienceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnClass(DataSource.class)
@ConditionalOnBean({ DataSource.class, ResilienceSettingsResolver.class })
@ConditionalOnBooleanProperty(name = "resilience.checks.datasource.enabled", matchIfMissing = true)
public final class ResilienceDataSourceCheckAutoConfiguration {

	@Bean(name = ResilienceSettingsResolver.DATASOURCE_CHECK)
	@ConditionalOnMissingBean(name = ResilienceSettingsResolver.DATASOURCE_CHECK)
	DataSourceCheck datasourceDependencyCheck(DataSource dataSource, ResilienceSettingsResolver settings) {
		return new DataSourceCheck(dataSource, settings.check(ResilienceSettingsResolver.DATASOURCE_CHECK).timeout());
	}

}
