package dev.resilience.autoconfigure.check;

import javax.sql.DataSource;

import dev.resilience.check.PassiveChecks;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps each {@link DataSource} bean of the application in a {@link PassiveDataSource}, so that
 * failed {@code getConnection()} calls anywhere in the application reach the {@code datasource}
 * check. Runs last, after every other post-processor, so that it wraps the finished bean.
 * Injection points keep working as long as they ask for a {@code DataSource} (a point that asks
 * for {@code HikariDataSource} itself would not be satisfied: take {@code DataSource} and
 * {@code unwrap(HikariDataSource.class)}, or set {@code passive.failures} to 0).
 *
 * @since 0.1.0
 */
public class PassiveDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<PassiveChecks> passiveChecks;

	private final String check;

	private final boolean enabled;

	/**
	 * @param passiveChecks where the calls are reported, looked up at the first wrap
	 * @param check the name of the check they are reported to
	 * @param enabled whether to wrap at all: {@code false} when the check's
	 * {@code passive.failures} is 0
	 */
	public PassiveDataSourcePostProcessor(ObjectProvider<PassiveChecks> passiveChecks, String check, boolean enabled) {
		this.passiveChecks = passiveChecks;
		this.check = check;
		this.enabled = enabled;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.enabled && bean instanceof DataSource dataSource && !(bean instanceof PassiveDataSource)
				&& !ScopedProxyUtils.isScopedTarget(beanName)) {
			return new PassiveDataSource(dataSource, this.passiveChecks.getObject(), this.check);
		}
		return bean;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
