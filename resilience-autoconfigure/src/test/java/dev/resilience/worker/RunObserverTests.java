package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.supervisor.Supervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mockStatic;

/**
 * Tests for {@link RunObserver} as {@link PeriodicWorker} calls it: around the job on the run
 * thread, isolated from the run, and not at all when the runtime has none.
 */
class RunObserverTests {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);

	private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1);

	private final List<Observed> observed = new CopyOnWriteArrayList<>();

	private final List<Exit> exits = new CopyOnWriteArrayList<>();

	private final ThreadLocal<Object> current = new ThreadLocal<>();

	private Supervisor supervisor;

	@AfterEach
	void stopEverything() throws InterruptedException {
		if (this.supervisor != null) {
			this.supervisor.stop();
		}
		this.scheduler.shutdownNow();
		this.timeouts.shutdownNow();
		assertThat(this.scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void observerOpensEachRunOnItsThreadAndHearsHowItEnded() {
		IllegalStateException crash = new IllegalStateException("crash");
		AtomicInteger count = new AtomicInteger();
		List<Object> currentInJob = new CopyOnWriteArrayList<>();
		start(spec(null), () -> () -> {
			currentInJob.add(this.current.get());
			if (count.incrementAndGet() == 2) {
				throw crash;
			}
			return true;
		}, recordingObserver());
		await().atMost(AT_MOST).until(() -> this.observed.size() >= 3);
		// snapshots: the worker goes on running, and a sub-list of a changing list throws
		List<Observed> observed = List.copyOf(this.observed);
		List<Object> inJob = List.copyOf(currentInJob);
		assertThat(observed.subList(0, 3)).extracting(Observed::outcome)
			.containsExactly(RunOutcome.SUCCESS, RunOutcome.FAILURE, RunOutcome.SUCCESS);
		assertThat(observed.get(1).failure()).isSameAs(crash);
		assertThat(observed).allSatisfy((run) -> assertThat(run.endedOnStartThread()).isTrue());
		// the job ran inside what the observer made current, and nothing of it is left after the run
		assertThat(inJob.subList(0, 3)).containsExactlyElementsOf(
				observed.subList(0, 3).stream().map(Observed::token).toList());
	}

	@Test
	void runPastItsTimeoutIsObservedAsATimeout() {
		start(spec(Duration.ofMillis(50)), () -> () -> {
			new CountDownLatch(1).await(30, TimeUnit.SECONDS);
			return true;
		}, recordingObserver());
		await().atMost(AT_MOST).until(() -> !this.observed.isEmpty());
		assertThat(this.observed.get(0).outcome()).isEqualTo(RunOutcome.TIMEOUT);
		assertThat(this.observed.get(0).failure()).isInstanceOf(RunTimeoutException.class);
	}

	@Test
	void throwingObserverDoesNotHarmTheWorker() {
		AtomicInteger count = new AtomicInteger();
		AtomicInteger ended = new AtomicInteger();
		RunObserver throwing = new RunObserver() {

			@Override
			public Object runStarting(String worker) {
				if (count.get() % 2 == 0) {
					throw new IllegalStateException("observer failure");
				}
				return "token";
			}

			@Override
			public void runEnded(Object token, RunOutcome outcome, Throwable failure) {
				ended.incrementAndGet();
				throw new IllegalStateException("observer failure");
			}

		};
		start(spec(null), () -> () -> count.incrementAndGet() > 0, throwing);
		await().atMost(AT_MOST).until(() -> count.get() >= 4);
		assertThat(this.exits).isEmpty();
		// runs whose runStarting threw are not ended
		int endedRuns = ended.get();
		assertThat(endedRuns).isPositive().isLessThan(count.get());
	}

	@Test
	void runtimeWithoutObserverNeverCallsOne() throws Exception {
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.scheduler), Watchdog.on(this.timeouts),
				WorkerListener.NONE, Clock.systemUTC());
		assertThat(runtime.observer()).isSameAs(RunObserver.NONE);
		AtomicInteger runs = new AtomicInteger();
		try (MockedStatic<RunObserverCalls> calls = mockStatic(RunObserverCalls.class)) {
			Runnable run = startOnThisThread(runtime, () -> runs.incrementAndGet() > 0);
			for (int i = 0; i < 3; i++) {
				run.run();
			}
			assertThat(runs).hasValue(3);
			calls.verifyNoInteractions();
		}
	}

	@Test
	void runtimeWithAnObserverCallsItAroundEveryRun() throws Exception {
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.scheduler), Watchdog.on(this.timeouts),
				WorkerListener.NONE, Clock.systemUTC(), recordingObserver());
		AtomicReference<Object> currentInJob = new AtomicReference<>();
		Runnable run = startOnThisThread(runtime, () -> {
			currentInJob.set(this.current.get());
			return true;
		});
		run.run();
		assertThat(this.observed).singleElement().satisfies((observed) -> {
			assertThat(observed.worker()).isEqualTo("w");
			assertThat(observed.outcome()).isEqualTo(RunOutcome.SUCCESS);
			assertThat(observed.token()).isSameAs(currentInJob.get());
		});
		assertThat(this.current.get()).isNull();
	}

	/** Starts a worker whose runs the test makes on its own thread. */
	private Runnable startOnThisThread(WorkerRuntime runtime, WorkerJob job) throws Exception {
		AtomicReference<Runnable> task = new AtomicReference<>();
		ScheduledFuture<?> never = this.scheduler.schedule(() -> {
		}, 1, TimeUnit.DAYS);
		WorkerScheduler capturing = new WorkerScheduler() {

			@Override
			public ScheduledFuture<?> schedule(Runnable runnable, Duration delay) {
				task.set(runnable); // the latest tick: the pending one
				return never;
			}

		};
		WorkerRuntime onThisThread = new WorkerRuntime(capturing, runtime.watchdog(), runtime.listener(),
				runtime.clock(), runtime.observer());
		PeriodicWorker.childSpec(spec(null), () -> job, onThisThread, new WorkerRuns("w"))
			.starter()
			.start((exit) -> {
			});
		return () -> task.get().run();
	}

	private RunObserver recordingObserver() {
		return new RunObserver() {

			@Override
			public Object runStarting(String worker) {
				Object token = new Object[] { worker, Thread.currentThread() };
				RunObserverTests.this.current.set(token);
				return token;
			}

			@Override
			public void runEnded(Object token, RunOutcome outcome, Throwable failure) {
				Object[] started = (Object[]) token;
				RunObserverTests.this.current.remove();
				RunObserverTests.this.observed.add(new Observed((String) started[0], token, outcome, failure,
						started[1] == Thread.currentThread()));
			}

		};
	}

	private void start(WorkerSpec spec, Supplier<WorkerJob> jobs, RunObserver observer) {
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.scheduler), Watchdog.on(this.timeouts),
				WorkerListener.NONE, Clock.systemUTC(), observer);
		this.supervisor = Supervisor.builder("sup")
			.intensity(new Intensity(1000, Duration.ofSeconds(5)))
			.listener(new SupervisionListener() {

				@Override
				public void childExited(String supervisor, ChildSpec child, Exit exit) {
					RunObserverTests.this.exits.add(exit);
				}

			})
			.child(PeriodicWorker.childSpec(spec, jobs, runtime, new WorkerRuns(spec.name())))
			.build();
		this.supervisor.start();
	}

	private static WorkerSpec spec(Duration timeout) {
		return new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, timeout, Duration.ofSeconds(1),
				Restart.PERMANENT);
	}

	private record Observed(String worker, Object token, RunOutcome outcome, Throwable failure,
			boolean endedOnStartThread) {
	}

}
