package dev.resilience.autoconfigure.worker;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import dev.resilience.autoconfigure.settings.WorkerDeclaration;
import dev.resilience.autoconfigure.support.ReflectiveInvoker;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.SupervisedWorker;
import dev.resilience.worker.WorkerJob;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A discovered {@code @SupervisedWorker} method, or a {@code @Scheduled} one converted to it, and
 * where its bean comes from.
 *
 * @param beanName the bean's name
 * @param method the annotated method, on the bean's target class
 * @param annotation the annotation
 * @param beans supplies the bean on every (re)start: the same singleton, or a fresh prototype
 * @param classLoader the application's class loader, to tell which return types can be awaited
 * @param honoursResult whether the result counts (a {@code false} is a normal exit, a future or
 * publisher is awaited); a {@code @Scheduled} method's result is ignored, as Spring ignores it
 */
record WorkerMethod(String beanName, Method method, SupervisedWorker annotation, Supplier<Object> beans,
		ClassLoader classLoader, boolean honoursResult) {

	/** @return where the method is, for messages: {@code Type.method} */
	String location() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

	/** @return the declaration, for the settings resolver */
	WorkerDeclaration declaration() {
		return new WorkerDeclaration(this.beanName, this.method.getName(), this.annotation, location(), this::newJob);
	}

	/**
	 * @return a fresh job: the bean from {@link #beans}, its method invoked through any proxy,
	 * its result ending the run as {@link RunResults} says
	 */
	WorkerJob newJob() {
		Object bean = this.beans.get();
		Method invocable = AopUtils.selectInvocableMethod(this.method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		if (SuspendingRunResults.isSuspending(invocable)) {
			return SuspendingRunResults.job(invocable, bean, this.honoursResult);
		}
		RunResults.Ending ending = this.honoursResult ? RunResults.of(invocable, this.classLoader)
				: (returned) -> true;
		if (takesRunContext(invocable)) {
			RunContext standalone = RunContext.of(this.beanName + "." + this.method.getName());
			return new WorkerJob() {

				@Override
				public boolean runOnce() throws Exception {
					return runOnce(standalone);
				}

				@Override
				public boolean runOnce(RunContext context) throws Exception {
					return ending.again(ReflectiveInvoker.invoke(invocable, bean, context));
				}

			};
		}
		return () -> ending.again(ReflectiveInvoker.invoke(invocable, bean));
	}

	/**
	 * @param method a worker method
	 * @return whether it takes the run's {@link RunContext}: its one parameter
	 */
	static boolean takesRunContext(Method method) {
		return method.getParameterCount() == 1 && method.getParameterTypes()[0] == RunContext.class;
	}

}
