package dev.resilience.autoconfigure.check;

import javax.sql.DataSource;

import dev.resilience.check.PassiveChecks;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Proxies each {@link DataSource} bean of the application ({@link PassiveDataSource#wrap}), so that
 * failed {@code getConnection()} calls anywhere in the application reach the {@code datasource}
 * check. Runs last, after every other post-processor, so that it proxies the finished bean. The
 * proxy is of the bean's own class when that class can be subclassed, so injection points that
 * ask for the pool's type ({@code HikariDataSource}) keep working.
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
		if (this.enabled && bean instanceof DataSource dataSource && !PassiveDataSource.isWrapped(bean)
				&& !ScopedProxyUtils.isScopedTarget(beanName)) {
			return PassiveDataSource.wrap(dataSource, this.passiveChecks.getObject(), this.check);
		}
		return bean;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
