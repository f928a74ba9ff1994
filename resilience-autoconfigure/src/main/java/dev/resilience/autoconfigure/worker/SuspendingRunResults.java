package dev.resilience.autoconfigure.worker;

import java.lang.reflect.Method;

import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.worker.WorkerJob;
import org.reactivestreams.Publisher;

import org.springframework.core.CoroutinesUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.util.ClassUtils;

/**
 * Kotlin {@code suspend fun} workers, awaited the way Spring awaits a suspending
 * {@code @Scheduled} method: {@link CoroutinesUtils#invokeSuspendingFunction} starts the coroutine
 * as a {@code Mono} (through {@code kotlinx-coroutines-reactor}), and the run waits for it on its
 * thread as for any {@code Mono} ({@link ReactorRunResults}). A throw is a crash; a
 * {@code suspend fun} that returns {@code false} is a normal exit; when the run thread is
 * interrupted (the run timeout, or a shutdown) the subscription is disposed, which cancels the
 * coroutine. Only this class refers to Kotlin, coroutines and Reactor, and it is loaded only for
 * a method {@link KotlinDetector#isSuspendingFunction} says is suspending, which needs no Kotlin
 * class: without Kotlin on the class path nothing Kotlin is loaded.
 */
final class SuspendingRunResults {

	/** What {@link CoroutinesUtils#invokeSuspendingFunction} needs on the class path. */
	static final String COROUTINES_REACTOR = "kotlinx.coroutines.reactor.MonoKt";

	private SuspendingRunResults() {
	}

	/**
	 * @param method a method
	 * @return whether it is a Kotlin {@code suspend fun} (whose one parameter, for Java, is its
	 * continuation)
	 */
	static boolean isSuspending(Method method) {
		return KotlinDetector.isSuspendingFunction(method);
	}

	/**
	 * @param worker where the method is, for the message
	 * @param method a suspending worker method
	 * @param classLoader the application's class loader
	 * @throws InvalidResiliencePropertyException if {@code kotlinx-coroutines-reactor} is missing
	 */
	static void requireCoroutinesReactor(String worker, Method method, ClassLoader classLoader) {
		if (!ClassUtils.isPresent(COROUTINES_REACTOR, classLoader)) {
			throw new InvalidResiliencePropertyException("@SupervisedWorker on " + worker, method.toGenericString(),
					"a suspend fun only with org.jetbrains.kotlinx:kotlinx-coroutines-reactor on the class path, "
							+ "as Spring's @Scheduled requires");
		}
	}

	/**
	 * @param method the suspending method, as invoked
	 * @param bean the bean
	 * @param honoursResult whether a {@code false} it returns is a normal exit
	 * @return a job that runs the coroutine to its end on the run thread
	 */
	static WorkerJob job(Method method, Object bean, boolean honoursResult) {
		return () -> {
			Publisher<?> run = CoroutinesUtils.invokeSuspendingFunction(method, bean);
			Object value = ReactorRunResults.await(run);
			return !honoursResult || RunResults.again(value, true);
		};
	}

}
