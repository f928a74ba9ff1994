package dev.resilience.autoconfigure.check;

import javax.sql.DataSource;

import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.DataSourceCheck;
import dev.resilience.check.PassiveChecks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The built-in dependency check named {@code datasource}, when a {@link DataSource} bean exists.
 * Off with {@code resilience.checks.datasource.enabled=false}. Unless
 * {@code resilience.checks.datasource.passive.failures} is 0, the application's {@code DataSource}
 * beans are proxied ({@link PassiveDataSource}: a Spring AOP proxy of the bean's own class), so
 * that failed {@code getConnection()} calls run the check at once; the check itself borrows its connections from the unwrapped data source.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "dev.resilience.autoconfigure.ResilienceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnClass(DataSource.class)
@ConditionalOnBean({ DataSource.class, ResilienceSettingsResolver.class })
@ConditionalOnBooleanProperty(name = "resilience.checks.datasource.enabled", matchIfMissing = true)
@Import(ResilienceDataSourceCheckAutoConfiguration.PassiveDataSourceConfiguration.class)
public final class ResilienceDataSourceCheckAutoConfiguration {

	/** The property that sets, or with 0 switches off, passive checking of the data source. */
	static final String PASSIVE_FAILURES = "resilience.checks." + ResilienceSettingsResolver.DATASOURCE_CHECK
			+ ".passive.failures";

	@Bean(name = ResilienceSettingsResolver.DATASOURCE_CHECK)
	@ConditionalOnMissingBean(name = ResilienceSettingsResolver.DATASOURCE_CHECK)
	DataSourceCheck datasourceDependencyCheck(DataSource dataSource, ResilienceSettingsResolver settings) {
		return new DataSourceCheck(PassiveDataSource.unwrapped(dataSource),
				settings.check(ResilienceSettingsResolver.DATASOURCE_CHECK).timeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.aop.framework.ProxyFactory")
	static class PassiveDataSourceConfiguration {

		@Bean
		static PassiveDataSourcePostProcessor resiliencePassiveDataSourcePostProcessor(Environment environment,
				ObjectProvider<PassiveChecks> passiveChecks) {
			int failures = Binder.get(environment).bind(PASSIVE_FAILURES, Integer.class)
				.orElse(CheckSettings.DEFAULT_PASSIVE_FAILURES);
			return new PassiveDataSourcePostProcessor(passiveChecks, ResilienceSettingsResolver.DATASOURCE_CHECK,
					failures != 0);
		}

	}

}
