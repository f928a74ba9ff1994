package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.event.WorkerCrashedEvent;
import dev.resilience.supervisor.Restart;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.RunTimeoutException;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static dev.resilience.autoconfigure.worker.WorkerRunsAssertions.AT_MOST;
import static dev.resilience.autoconfigure.worker.WorkerRunsAssertions.runs;
import static dev.resilience.autoconfigure.worker.WorkerRunsAssertions.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Worker methods returning a {@link CompletionStage}: a run ends when the stage completes.
 */
class CompletionStageWorkerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void failedFutureIsACrashWithItsCause() {
		this.runner.withBean(FailingFutureWorker.class).withBean(CrashEvents.class).run((context) -> {
			await().atMost(AT_MOST).until(() -> runs(context, "failing", "failure") >= 1);
			WorkerSnapshot snapshot = worker(context, "failing");
			assertThat(snapshot.lastFailure().type()).isEqualTo(IllegalStateException.class.getName());
			assertThat(snapshot.lastFailure().message()).isEqualTo("payment rejected");
			assertThat(context.getBean(CrashEvents.class).crashes).first().satisfies((crash) -> {
				assertThat(crash.outcome()).isEqualTo(RunOutcome.FAILURE);
				assertThat(crash.exception()).isInstanceOf(IllegalStateException.class)
					.hasMessage("payment rejected");
			});
			assertThat(runs(context, "failing", "success")).isZero();
		});
	}

	@Test
	void futureCompletingAfterTheMethodReturnedEndsItsRunWhenItCompletes() {
		this.runner.withBean(PendingFutureWorker.class).run((context) -> {
			PendingFutureWorker worker = context.getBean(PendingFutureWorker.class);
			await().atMost(AT_MOST).until(() -> worker.futures.size() == 1);
			await().during(Duration.ofMillis(300)).atMost(AT_MOST).until(() -> worker.futures.size() == 1);
			assertThat(worker(context, "pending").runInProgress()).isTrue();
			assertThat(runs(context, "pending", "success")).isZero();
			worker.futures.get(0).complete("paid");
			await().atMost(AT_MOST).until(() -> worker.futures.size() >= 2);
			assertThat(runs(context, "pending", "success")).isOne();
		});
	}

	@Test
	void futureStillPendingAtTheTimeoutIsCancelledAndTimesOut() {
		this.runner.withBean(PendingFutureWorker.class)
			.withPropertyValues("resilience.workers.pending.timeout=200ms")
			.run((context) -> {
				PendingFutureWorker worker = context.getBean(PendingFutureWorker.class);
				await().atMost(AT_MOST).until(() -> runs(context, "pending", "timeout") >= 1);
				assertThat(worker.futures.get(0)).isCancelled();
				assertThat(worker(context, "pending").lastFailure().type())
					.isEqualTo(RunTimeoutException.class.getName());
				assertThat(runs(context, "pending", "failure")).isZero();
			});
	}

	@Test
	void futureStillPendingAfterTheShutdownTimeoutIsCancelledAtClose() {
		this.runner.withBean(PendingFutureWorker.class)
			.withPropertyValues("resilience.workers.pending.shutdown-timeout=200ms")
			.run((context) -> {
				PendingFutureWorker worker = context.getBean(PendingFutureWorker.class);
				await().atMost(AT_MOST).until(() -> worker.futures.size() == 1);
				context.close();
				assertThat(worker.futures).singleElement().satisfies((future) -> assertThat(future).isCancelled());
			});
	}

	@Test
	void stageOfFalseIsANormalExit() {
		this.runner.withBean(DoneWorker.class).run((context) -> {
			await().atMost(AT_MOST)
				.until(() -> worker(context, "done").state() == WorkerSnapshot.State.STOPPED
						&& runs(context, "done", "success") == 1);
			assertThat(worker(context, "done").lastFailure()).isNull();
			assertThat(context.getBean(DoneWorker.class).calls).hasValue(1);
		});
	}

	@Test
	void otherReturnTypesAreIgnored() {
		this.runner.withBean(ObjectWorker.class).run((context) -> {
			// Boolean.FALSE from a method declared to return Object is not "done"
			await().atMost(AT_MOST).until(() -> runs(context, "object", "success") >= 3);
			assertThat(worker(context, "object").state()).isEqualTo(WorkerSnapshot.State.RUNNING);
		});
	}

	static class FailingFutureWorker {

		@SupervisedWorker(name = "failing", interval = "1h", initialDelay = "0s")
		public CompletableFuture<Void> pay() {
			return CompletableFuture.runAsync(() -> {
				throw new IllegalStateException("payment rejected");
			});
		}

	}

	static class PendingFutureWorker {

		final List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "pending", interval = "10ms", initialDelay = "0s")
		public CompletableFuture<String> pay() {
			CompletableFuture<String> future = new CompletableFuture<>();
			this.futures.add(future);
			return future;
		}

	}

	static class DoneWorker {

		final AtomicInteger calls = new AtomicInteger();

		@SupervisedWorker(name = "done", interval = "10ms", initialDelay = "0s", restart = Restart.TRANSIENT)
		public CompletionStage<Boolean> migrate() {
			this.calls.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> false).minimalCompletionStage();
		}

	}

	static class ObjectWorker {

		@SupervisedWorker(name = "object", interval = "10ms", initialDelay = "0s", restart = Restart.TRANSIENT)
		public Object tick() {
			return Boolean.FALSE;
		}

	}

	static class CrashEvents {

		final List<WorkerCrashedEvent> crashes = new CopyOnWriteArrayList<>();

		@EventListener
		void on(WorkerCrashedEvent event) {
			this.crashes.add(event);
		}

	}

}
