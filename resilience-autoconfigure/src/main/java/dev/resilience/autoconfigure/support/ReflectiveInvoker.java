package dev.resilience.autoconfigure.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Invokes an annotated bean method (a worker, a remedy) so that what the method throws reaches
 * the caller as itself, not wrapped in an {@link InvocationTargetException}: the supervisor and
 * the logs then see the user's exception.
 *
 * @since 0.1.0
 */
public final class ReflectiveInvoker {

	private ReflectiveInvoker() {
	}

	/**
	 * @param method the method, accessible
	 * @param target the bean
	 * @param args the method's arguments
	 * @return what the method returned
	 * @throws Exception what the method threw
	 */
	public static Object invoke(Method method, Object target, Object... args) throws Exception {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new UndeclaredThrowableException(cause);
		}
	}

}
