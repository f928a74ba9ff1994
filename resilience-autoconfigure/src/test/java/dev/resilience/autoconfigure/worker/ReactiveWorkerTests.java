package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.supervisor.Restart;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.RunTimeoutException;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.resilience.autoconfigure.worker.WorkerRunsAssertions.AT_MOST;
import static dev.resilience.autoconfigure.worker.WorkerRunsAssertions.runs;
import static dev.resilience.autoconfigure.worker.WorkerRunsAssertions.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Worker methods returning a {@link Mono} or a {@link Flux}: a run subscribes and ends when the
 * publisher completes. And the starter without Reactor on the class path.
 */
class ReactiveWorkerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void failedMonoIsACrashWithItsError() {
		this.runner.withBean(FailingMonoWorker.class).run((context) -> {
			await().atMost(AT_MOST).until(() -> runs(context, "failing", "failure") >= 1);
			WorkerSnapshot snapshot = worker(context, "failing");
			assertThat(snapshot.lastFailure().type()).isEqualTo(IllegalStateException.class.getName());
			assertThat(snapshot.lastFailure().message()).isEqualTo("payment rejected");
		});
	}

	@Test
	void monoCompletingLaterEndsItsRunWhenItCompletes() {
		this.runner.withBean(PendingMonoWorker.class).run((context) -> {
			PendingMonoWorker worker = context.getBean(PendingMonoWorker.class);
			await().atMost(AT_MOST).until(() -> worker.sinks.size() == 1);
			await().during(Duration.ofMillis(300)).atMost(AT_MOST).until(() -> worker.sinks.size() == 1);
			assertThat(runs(context, "pending", "success")).isZero();
			worker.sinks.get(0).tryEmitEmpty().orThrow();
			await().atMost(AT_MOST).until(() -> worker.sinks.size() >= 2);
			assertThat(runs(context, "pending", "success")).isOne();
		});
	}

	@Test
	void monoStillPendingAtTheTimeoutIsDisposedAndTimesOut() {
		this.runner.withBean(PendingMonoWorker.class)
			.withPropertyValues("resilience.workers.pending.timeout=200ms")
			.run((context) -> {
				PendingMonoWorker worker = context.getBean(PendingMonoWorker.class);
				await().atMost(AT_MOST).until(() -> runs(context, "pending", "timeout") >= 1);
				await().atMost(AT_MOST).until(() -> worker.cancelled.get() >= 1);
				assertThat(worker(context, "pending").lastFailure().type())
					.isEqualTo(RunTimeoutException.class.getName());
				assertThat(runs(context, "pending", "failure")).isZero();
			});
	}

	@Test
	void monoOfFalseIsANormalExit() {
		this.runner.withBean(DoneMonoWorker.class).run((context) -> {
			await().atMost(AT_MOST)
				.until(() -> worker(context, "done").state() == WorkerSnapshot.State.STOPPED
						&& runs(context, "done", "success") == 1);
			assertThat(worker(context, "done").lastFailure()).isNull();
		});
	}

	@Test
	void fluxEndsItsRunWhenItCompletesAndItsElementsAreIgnored() {
		this.runner.withBean(FluxWorker.class).run((context) -> {
			FluxWorker worker = context.getBean(FluxWorker.class);
			await().atMost(AT_MOST).until(() -> worker.sinks.size() == 1 && worker.elements.get() == 2);
			await().during(Duration.ofMillis(300)).atMost(AT_MOST).until(() -> worker.sinks.size() == 1);
			worker.sinks.get(0).tryEmitEmpty().orThrow();
			await().atMost(AT_MOST).until(() -> worker.sinks.size() >= 2);
			assertThat(runs(context, "flux", "success")).isOne();
			assertThat(worker(context, "flux").state()).isEqualTo(WorkerSnapshot.State.RUNNING);
		});
	}

	@Test
	void withoutReactorTheStarterRunsOtherWorkersAndLeavesPublishersAlone() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor."))
			.withBean(FutureWorker.class)
			.withBean(MonoWithoutReactorWorker.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(AT_MOST).until(() -> runs(context, "future", "success") >= 3);
				await().atMost(AT_MOST).until(() -> runs(context, "mono", "success") >= 3);
				// Reactor is "absent" for the application: its Mono is a result like any other, never subscribed
				assertThat(context.getBean(MonoWithoutReactorWorker.class).subscribed).isFalse();
			});
	}

	static class FailingMonoWorker {

		@SupervisedWorker(name = "failing", interval = "1h", initialDelay = "0s")
		public Mono<Void> pay() {
			return Mono.error(new IllegalStateException("payment rejected"));
		}

	}

	static class PendingMonoWorker {

		final List<Sinks.Empty<Void>> sinks = new CopyOnWriteArrayList<>();

		final AtomicInteger cancelled = new AtomicInteger();

		@SupervisedWorker(name = "pending", interval = "10ms", initialDelay = "0s")
		public Mono<Void> pay() {
			Sinks.Empty<Void> sink = Sinks.empty();
			this.sinks.add(sink);
			return sink.asMono().doOnCancel(this.cancelled::incrementAndGet);
		}

	}

	static class DoneMonoWorker {

		@SupervisedWorker(name = "done", interval = "10ms", initialDelay = "0s", restart = Restart.TRANSIENT)
		public Mono<Boolean> migrate() {
			return Mono.just(false).delayElement(Duration.ofMillis(10));
		}

	}

	static class FluxWorker {

		final List<Sinks.Empty<Integer>> sinks = new CopyOnWriteArrayList<>();

		final AtomicInteger elements = new AtomicInteger();

		@SupervisedWorker(name = "flux", interval = "10ms", initialDelay = "0s", restart = Restart.TRANSIENT)
		public Flux<Boolean> pay() {
			Sinks.Empty<Integer> sink = Sinks.empty();
			this.sinks.add(sink);
			// false elements: only a Mono's value can say "done"
			return Flux.just(1, 2).concatWith(sink.asMono()).doOnNext((element) -> this.elements.incrementAndGet())
				.map((element) -> false);
		}

	}

	static class FutureWorker {

		@SupervisedWorker(name = "future", interval = "10ms", initialDelay = "0s")
		public CompletableFuture<Void> pay() {
			return CompletableFuture.completedFuture(null);
		}

	}

	static class MonoWithoutReactorWorker {

		volatile boolean subscribed;

		@SupervisedWorker(name = "mono", interval = "10ms", initialDelay = "0s")
		public Mono<Void> pay() {
			return Mono.<Void>empty().doOnSubscribe((subscription) -> this.subscribed = true);
		}

	}

}
