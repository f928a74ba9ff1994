package dev.resilience.autoconfigure.worker;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * How what a worker method returns ends its run, for every return type {@code @Scheduled}
 * accepts:
 * <ul>
 * <li>{@code boolean} or {@code Boolean}: {@code false} is a normal exit;</li>
 * <li>a {@link CompletionStage}: the run ends when it completes; failed, it is a crash with
 * the failure's cause; a {@code CompletionStage<Boolean>} completed with {@code false} is a
 * normal exit;</li>
 * <li>a Reactive Streams {@code Publisher} ({@code Mono}, {@code Flux}) when Reactor is on the
 * class path: see {@link ReactorRunResults};</li>
 * <li>anything else, {@code void} included: ignored.</li>
 * </ul>
 * A pending result is waited for on the run thread, so the next run starts one interval after it
 * completes. When the run thread is interrupted (the run timeout, or a shutdown), the pending
 * result is cancelled and the interrupt rethrown, so the worker counts a timeout.
 */
final class RunResults {

	private static final String REACTOR = "reactor.core.publisher.Mono";

	private RunResults() {
	}

	/**
	 * @param method the worker method, as invoked
	 * @param classLoader the application's class loader, to tell whether Reactor is there
	 * @return how the method's results end its runs
	 */
	static Ending of(Method method, ClassLoader classLoader) {
		Class<?> type = method.getReturnType();
		if (type == boolean.class || type == Boolean.class) {
			return (returned) -> again(returned, true);
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			boolean reportsDone = valueIsBoolean(method, CompletionStage.class);
			return (returned) -> (returned == null) || again(await((CompletionStage<?>) returned), reportsDone);
		}
		if (ClassUtils.isPresent(REACTOR, classLoader)) {
			Ending reactive = ReactorRunResults.of(method); // loads Reactor classes: only when Reactor is there
			if (reactive != null) {
				return reactive;
			}
		}
		return (returned) -> true;
	}

	/**
	 * @param value a run's value
	 * @param reportsDone whether the method's value says "done" with {@code false}
	 * @return whether the worker runs again
	 */
	static boolean again(Object value, boolean reportsDone) {
		return !reportsDone || !Boolean.FALSE.equals(value);
	}

	/**
	 * @param method a method returning {@code container} of a value
	 * @param container a generic type of one value, such as {@code CompletionStage}
	 * @return whether that value is declared {@code Boolean}
	 */
	static boolean valueIsBoolean(Method method, Class<?> container) {
		return ResolvableType.forMethodReturnType(method).as(container).getGeneric(0).resolve() == Boolean.class;
	}

	/**
	 * Waits for a result on the run thread.
	 * @param result the pending result
	 * @param cancel cancels what the result is waiting for
	 * @return the result's value
	 * @throws InterruptedException when the run thread was interrupted: the result is then
	 * cancelled
	 * @throws Exception the failure of a failed result, unwrapped
	 */
	static Object await(CompletableFuture<?> result, Runnable cancel) throws Exception {
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			cancel.run();
			throw ex;
		}
		catch (ExecutionException ex) {
			throw unwrap(ex);
		}
	}

	private static Object await(CompletionStage<?> stage) throws Exception {
		CompletableFuture<?> future = toFuture(stage);
		return await(future, () -> future.cancel(true));
	}

	private static CompletableFuture<?> toFuture(CompletionStage<?> stage) {
		try {
			return stage.toCompletableFuture();
		}
		catch (UnsupportedOperationException ex) {
			CompletableFuture<Object> future = new CompletableFuture<>();
			stage.whenComplete((value, failure) -> {
				if (failure != null) {
					future.completeExceptionally(failure);
				}
				else {
					future.complete(value);
				}
			});
			return future;
		}
	}

	private static Exception unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof Exception exception) {
			return exception;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new UndeclaredThrowableException(cause);
	}

	/** Turns what one run of a worker method returned into whether the worker runs again. */
	@FunctionalInterface
	interface Ending {

		/**
		 * @param returned what the method returned
		 * @return {@code true} to run again, {@code false} for a normal exit
		 * @throws Exception a crash
		 */
		boolean again(Object returned) throws Exception;

	}

}
