package dev.resilience.autoconfigure.check;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import dev.resilience.check.PassiveChecks;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * An application's {@link DataSource} as the {@code datasource} check hears it: a Spring AOP
 * proxy of the data source whose interceptor reports every {@code getConnection()} that throws as
 * a failure and every one that returns a connection as a success ({@link PassiveChecks}).
 *
 * <p>The proxy is class-based (CGLIB) when the data source's class can be subclassed, so the bean
 * stays an instance of its own class: an injection point of type {@code HikariDataSource} is
 * satisfied, and {@code instanceof} checks (Spring Boot's {@code DataSourceUnwrapper}, pool
 * metadata and metrics) see the pool. A final class, or one whose {@code getConnection} is final,
 * gets an interface proxy instead ({@code DataSource} and the class's other interfaces). Every
 * method other than the two {@code getConnection} overloads goes straight to the target, so
 * {@code unwrap} and {@code isWrapperFor} answer as the target does, Hikari's MXBean and metrics
 * included. Where the target returns itself, Spring AOP returns the proxy instead:
 * {@code unwrap(HikariDataSource.class)} on a class-based proxy gives the proxy, a
 * {@code HikariDataSource} that keeps reporting ({@link #unwrapped} gives the bare pool).
 *
 * <p><b>Threading.</b> As thread-safe as its target; a report costs a lookup in an immutable
 * map and one atomic operation, with no lock.
 *
 * @since 0.1.0
 */
public final class PassiveDataSource {

	private PassiveDataSource() {
	}

	/**
	 * @param target the application's data source
	 * @param passiveChecks where the calls are reported
	 * @param check the name of the check they are reported to
	 * @return a proxy of {@code target}, of its class when that class can be subclassed, that
	 * reports its {@code getConnection()} calls
	 */
	public static DataSource wrap(DataSource target, PassiveChecks passiveChecks, String check) {
		Objects.requireNonNull(target, "target");
		ProxyFactory factory = new ProxyFactory(target);
		if (canSubclass(target.getClass())) {
			factory.setProxyTargetClass(true);
		}
		else {
			factory.setInterfaces(ClassUtils.getAllInterfacesForClass(target.getClass(),
					target.getClass().getClassLoader()));
		}
		factory.addAdvisor(new DefaultPointcutAdvisor(GetConnection.POINTCUT,
				new Interceptor(Objects.requireNonNull(passiveChecks, "passiveChecks"),
						Objects.requireNonNull(check, "check"))));
		factory.setFrozen(true);
		return (DataSource) factory.getProxy(target.getClass().getClassLoader());
	}

	/**
	 * @param dataSource a data source, wrapped or not
	 * @return whether it is a proxy made by {@link #wrap}
	 */
	public static boolean isWrapped(Object dataSource) {
		if (dataSource instanceof Advised advised) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisor.getAdvice() instanceof Interceptor) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * @param dataSource a data source, wrapped or not
	 * @return the data source that it wraps, or itself if it was not made by {@link #wrap}
	 */
	public static DataSource unwrapped(DataSource dataSource) {
		if (isWrapped(dataSource)) {
			TargetSource targetSource = ((Advised) dataSource).getTargetSource();
			try {
				return (DataSource) targetSource.getTarget();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not obtain the target of " + dataSource, ex);
			}
		}
		return dataSource;
	}

	/**
	 * Whether a class-based proxy can stand for the class: not final, no JDK proxy, and both
	 * {@code getConnection} overloads overridable (a final one would run on the proxy itself).
	 */
	private static boolean canSubclass(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers()) || Proxy.isProxyClass(type) || type.isHidden()) {
			return false;
		}
		for (Method method : new Method[] { ReflectionUtils.findMethod(type, "getConnection"),
				ReflectionUtils.findMethod(type, "getConnection", String.class, String.class) }) {
			if (method == null || Modifier.isFinal(method.getModifiers())
					|| Modifier.isPrivate(method.getModifiers())) {
				return false;
			}
		}
		return true;
	}

	/** The two {@code getConnection} overloads: only they are intercepted. */
	private static final class GetConnection extends StaticMethodMatcherPointcut {

		static final GetConnection POINTCUT = new GetConnection();

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return "getConnection".equals(method.getName()) && Connection.class.equals(method.getReturnType())
					&& (method.getParameterCount() == 0 || method.getParameterCount() == 2);
		}

	}

	/** Reports each intercepted {@code getConnection()}: a failure if it throws, a success otherwise. */
	private static final class Interceptor implements MethodInterceptor {

		private final PassiveChecks passiveChecks;

		private final String check;

		Interceptor(PassiveChecks passiveChecks, String check) {
			this.passiveChecks = passiveChecks;
			this.check = check;
		}

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			Object connection;
			try {
				connection = invocation.proceed();
			}
			catch (SQLException | RuntimeException ex) {
				this.passiveChecks.reportFailure(this.check, ex);
				throw ex;
			}
			this.passiveChecks.reportSuccess(this.check);
			return connection;
		}

		@Override
		public String toString() {
			return "PassiveDataSource.Interceptor[" + this.check + "]";
		}

	}

}
