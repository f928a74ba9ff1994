package dev.resilience.autoconfigure.worker;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;

import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The endings of worker methods returning a Reactive Streams {@link Publisher} ({@link Mono},
 * {@link Flux}): each run subscribes to what the method returned and ends when it completes; a
 * {@code Flux}'s elements are ignored; an error is a crash; a {@code Mono<Boolean>} that emits
 * {@code false} is a normal exit. When the run thread is interrupted (the run timeout, or a
 * shutdown) the subscription is disposed. The only class of the starter that uses Reactor:
 * {@link RunResults} loads it only when Reactor is on the class path.
 */
final class ReactorRunResults {

	private ReactorRunResults() {
	}

	/**
	 * @param method the worker method
	 * @return how its results end its runs, or {@code null} if it returns no {@code Publisher}
	 */
	static RunResults.Ending of(Method method) {
		Class<?> type = method.getReturnType();
		if (!Publisher.class.isAssignableFrom(type)) {
			return null;
		}
		boolean reportsDone = Mono.class.isAssignableFrom(type) && RunResults.valueIsBoolean(method, Mono.class);
		return (returned) -> (returned == null) || RunResults.again(await((Publisher<?>) returned), reportsDone);
	}

	/**
	 * Subscribes and waits on the run thread; disposes the subscription when that thread is interrupted.
	 * @param publisher what a run returned
	 * @return the value it emitted, or {@code null}
	 * @throws Exception its error, or {@link InterruptedException}
	 */
	static Object await(Publisher<?> publisher) throws Exception {
		Mono<?> mono = (publisher instanceof Mono<?> single) ? single : Flux.from(publisher).then();
		CompletableFuture<Object> result = new CompletableFuture<>();
		Disposable subscription = mono.subscribe(result::complete, result::completeExceptionally,
				() -> result.complete(null));
		return RunResults.await(result, subscription::dispose);
	}

}
