package dev.resilience.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.PeriodicWorker;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;
import dev.resilience.worker.WorkerRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the ordered shutdown of a {@link Supervisor}: children stop in reverse start order,
 * each within its shutdown timeout, and a stopped child's exit is ignored.
 */
class SupervisorShutdownTests {

	private static final Duration LONG = Duration.ofSeconds(10);

	private final TestClock clock = new TestClock();

	private final TestChildren children = new TestChildren();

	private final RecordingListener listener = new RecordingListener();

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1);

	private final List<RunOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutDownExecutors() throws InterruptedException {
		this.scheduler.shutdownNow();
		this.timeouts.shutdownNow();
		assertThat(this.scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.timeouts.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void stopStopsChildrenInReverseStartOrder() {
		Supervisor supervisor = startWithFakes("a", "b", "c");
		this.children.clearEvents();
		supervisor.stop();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:b", "stop:a");
		assertThat(this.listener.calls()).containsExactly("stopped:sup/c", "stopped:sup/b", "stopped:sup/a");
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.STOPPED);
		assertThat(supervisor.snapshot().children()).noneMatch(SupervisorSnapshot.ChildSnapshot::running);
	}

	@Test
	void stopGivesEachChildItsOwnShutdownTimeout() {
		Supervisor supervisor = Supervisor.builder("sup")
			.clock(this.clock)
			.child(this.children.worker("a").withShutdownTimeout(Duration.ofMillis(1234)))
			.child(this.children.worker("b"))
			.build();
		supervisor.start(new RecordingExitHandler());
		supervisor.stop();
		assertThat(this.children.current("a").shutdownTimeout()).isEqualTo(Duration.ofMillis(1234));
		assertThat(this.children.current("b").shutdownTimeout()).isEqualTo(ChildSpec.DEFAULT_SHUTDOWN_TIMEOUT);
	}

	@Test
	void stopSkipsChildrenThatAreNotRunning() {
		Supervisor supervisor = Supervisor.builder("sup")
			.clock(this.clock)
			.listener(this.listener)
			.child(this.children.worker("a"))
			.child(this.children.worker("t").withRestart(Restart.TRANSIENT))
			.child(this.children.worker("c"))
			.build();
		supervisor.start(new RecordingExitHandler());
		this.children.current("t").exit(Exit.normal());
		this.children.clearEvents();
		this.listener.clear();
		supervisor.stop();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:a");
		assertThat(this.listener.calls()).containsExactly("stopped:sup/c", "stopped:sup/a");
	}

	@Test
	void stopOfAParentStopsNestedChildrenInReverseOrderToo() {
		Supervisor parent = Supervisor.builder("parent")
			.clock(this.clock)
			.child(this.children.worker("a"))
			.child(ChildSpec.supervisor("nested",
					() -> Supervisor.builder("nested")
						.clock(this.clock)
						.child(this.children.worker("n1"))
						.child(this.children.worker("n2"))
						.build()))
			.child(this.children.worker("c"))
			.build();
		parent.start(new RecordingExitHandler());
		Supervisor nested = parent.supervisor("nested").orElseThrow();
		this.children.clearEvents();
		parent.stop();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:n2", "stop:n1", "stop:a");
		assertThat(nested.state()).isEqualTo(Supervisor.State.STOPPED);
	}

	@Test
	void stopTwiceStopsOnce() {
		Supervisor supervisor = startWithFakes("a", "b");
		supervisor.stop();
		this.children.clearEvents();
		supervisor.stop();
		assertThat(this.children.events()).isEmpty();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.STOPPED);
	}

	@Test
	void exitOfAChildReportedAfterStopIsIgnored() {
		Supervisor supervisor = startWithFakes("a", "b");
		TestChild a = this.children.current("a");
		supervisor.stop();
		this.children.clearEvents();
		this.listener.clear();
		a.crash();
		assertThat(this.children.events()).isEmpty();
		assertThat(this.listener.calls()).isEmpty();
		assertThat(this.children.starts("a")).isEqualTo(1);
	}

	@Test
	void exitReportedWhileStoppingIsIgnored() {
		Supervisor supervisor = startWithFakes("a", "b");
		TestChild a = this.children.current("a");
		// b is stopped first; a reports an exit meanwhile, before its own turn to stop
		this.children.current("b").onStop(a::crash);
		supervisor.stop();
		assertThat(this.children.starts("a")).isEqualTo(1);
		assertThat(this.listener.calls()).doesNotContain("exited:sup/a/ABNORMAL", "restarted:sup/a");
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.STOPPED);
	}

	@Test
	void stopCancelsADueRunOfAWorker() {
		this.scheduler.setRemoveOnCancelPolicy(true);
		WorkerRuns status = new WorkerRuns("w");
		WorkerSpec spec = new WorkerSpec("w", Duration.ofHours(1), Duration.ofHours(1), null, LONG, Restart.PERMANENT);
		Supervisor supervisor = startWithWorker(spec, () -> () -> true, status);
		assertThat(this.scheduler.getQueue()).hasSize(1);
		assertThat(status.nextRun(java.time.Clock.systemUTC())).isNotNull();
		supervisor.stop();
		assertThat(this.scheduler.getQueue()).isEmpty();
		assertThat(status.nextRun(java.time.Clock.systemUTC())).isNull();
	}

	@Test
	void runInProgressShorterThanTheShutdownTimeoutCompletesNormally() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AtomicBoolean completed = new AtomicBoolean();
		WorkerJob job = () -> {
			started.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				throw ex;
			}
			completed.set(true);
			return true;
		};
		WorkerSpec spec = new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, null, LONG, Restart.PERMANENT);
		Supervisor supervisor = startWithWorker(spec, () -> job, new WorkerRuns("w"));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Thread stopper = new Thread(supervisor::stop, "stopper");
		stopper.start();
		await().atMost(LONG).until(() -> isWaitingInWorkerStop(stopper));
		assertThat(stopper.isAlive()).as("stop waits for the run in progress").isTrue();
		release.countDown();
		stopper.join(LONG.toMillis());
		assertThat(stopper.isAlive()).isFalse();
		assertThat(completed).isTrue();
		assertThat(interrupted).isFalse();
		await().atMost(LONG).until(() -> !this.outcomes.isEmpty());
		assertThat(this.outcomes).containsExactly(RunOutcome.SUCCESS);
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.STOPPED);
		assertThat(this.listener.calls()).containsExactly("stopped:sup/w");
	}

	@Test
	void runInProgressLongerThanTheShutdownTimeoutIsInterrupted() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		WorkerJob job = () -> {
			started.countDown();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				throw ex;
			}
			return true;
		};
		WorkerSpec spec = new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, null, Duration.ofMillis(200),
				Restart.PERMANENT);
		Supervisor supervisor = startWithWorker(spec, () -> job, new WorkerRuns("w"));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		supervisor.stop();
		await().atMost(LONG).untilTrue(interrupted);
		await().atMost(LONG).until(() -> !this.outcomes.isEmpty());
		assertThat(this.outcomes).containsExactly(RunOutcome.FAILURE);
		assertThat(this.failures).singleElement().isInstanceOf(InterruptedException.class);
		assertThat(this.listener.calls()).containsExactly("stopped:sup/w");
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.STOPPED);
	}

	@Test
	void stoppedWorkerDoesNotReportTheExitOfItsLastRun() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		WorkerJob job = () -> {
			started.countDown();
			new CountDownLatch(1).await();
			return true;
		};
		WorkerSpec spec = new WorkerSpec("w", Duration.ofMillis(10), Duration.ZERO, null, Duration.ofMillis(100),
				Restart.PERMANENT);
		ChildSpec childSpec = PeriodicWorker.childSpec(spec, () -> job, runtime(), new WorkerRuns("w"));
		RecordingExitHandler exitHandler = new RecordingExitHandler();
		Child worker = childSpec.starter().start(exitHandler);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		worker.stop(spec.shutdownTimeout());
		await().atMost(LONG).until(() -> !this.outcomes.isEmpty());
		assertThat(this.outcomes).containsExactly(RunOutcome.FAILURE);
		assertThat(exitHandler.exits()).isEmpty();
		worker.stop(spec.shutdownTimeout()); // stopping a stopped worker does nothing
		assertThat(exitHandler.exits()).isEmpty();
	}

	private static boolean isWaitingInWorkerStop(Thread thread) {
		return thread.getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(PeriodicWorker.class.getName())
					&& frame.getMethodName().equals("stop"));
	}

	private Supervisor startWithFakes(String... ids) {
		SupervisorBuilder builder = Supervisor.builder("sup").clock(this.clock).listener(this.listener);
		for (String id : ids) {
			builder.child(this.children.worker(id));
		}
		Supervisor supervisor = builder.build();
		supervisor.start(new RecordingExitHandler());
		return supervisor;
	}

	private Supervisor startWithWorker(WorkerSpec spec, java.util.function.Supplier<WorkerJob> jobs,
			WorkerRuns status) {
		Supervisor supervisor = Supervisor.builder("sup")
			.listener(this.listener)
			.child(PeriodicWorker.childSpec(spec, jobs, runtime(), status))
			.build();
		supervisor.start(new RecordingExitHandler());
		return supervisor;
	}

	private WorkerRuntime runtime() {
		WorkerListener workerListener = new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				if (failure != null) {
					SupervisorShutdownTests.this.failures.add(failure);
				}
				SupervisorShutdownTests.this.outcomes.add(outcome);
			}

		};
		return new WorkerRuntime(WorkerScheduler.of(this.scheduler), dev.resilience.runtime.Watchdog.on(this.timeouts), workerListener,
				Clock.systemUTC());
	}

}
