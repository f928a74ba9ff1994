package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Restart;
import dev.resilience.testsupport.LogCapture;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link PeriodicWorker#stop} with its run on a real run thread: a stop interrupts a run
 * that outlasts the shutdown timeout, and gives up on one that ignores the interrupt.
 */
class PeriodicWorkerStopTests {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timeouts = new ManualScheduler();

	private final ExecutorService runThreads = Executors.newSingleThreadExecutor();

	private final WorkerRuns runs = new WorkerRuns("w");

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger interrupts = new AtomicInteger();

	private volatile boolean ignoreInterrupts;

	private final LogCapture logs = LogCapture.of(PeriodicWorker.class);

	private final WorkerCycle cycle;

	private final ChildSpec child;

	PeriodicWorkerStopTests() {
		WorkerSpec spec = new WorkerSpec("w", INTERVAL, INTERVAL, null, Duration.ofMillis(50), Restart.PERMANENT);
		WorkerRuntime runtime = new WorkerRuntime(this.scheduler, this.runThreads, Watchdog.on(this.timeouts),
				WorkerListener.NONE, new TestClock(), RunObserver.NONE, WorkerRuntime.THREAD_LOCAL_RANDOM);
		this.cycle = new WorkerCycle(spec, runtime, this.runs);
		this.child = PeriodicWorker.childSpec(this.cycle, spec, () -> this::job, runtime,
				CrashLog.withDefaults("w", runtime.clock()));
	}

	@AfterEach
	void shutDown() throws InterruptedException {
		this.release.countDown();
		this.runThreads.shutdown();
		assertThat(this.runThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		this.timeouts.shutdownNow();
		this.logs.close();
	}

	@Test
	void stopInterruptsARunThatOutlastsTheShutdownTimeoutAndWaitsForItsEnd() throws Exception {
		Child worker = startAndRun(false);
		worker.stop(Duration.ofMillis(50));
		assertThat(this.interrupts).hasValue(1);
		assertThat(this.runs.running()).isFalse();
		assertThat(this.cycle.state().live()).isFalse();
		assertThat(this.logs.lines()).noneMatch((line) -> line.level().equals("WARN"));
	}

	@Test
	void stopLeavesARunThatIgnoresTheInterruptBehindAndTheNextIncarnationWaitsForIt() throws Exception {
		Child first = startAndRun(true);
		first.stop(Duration.ofMillis(50));
		assertThat(this.logs.lines()).anyMatch((line) -> line.level().equals("WARN"));
		assertThat(this.cycle.state().live()).as("given up on").isFalse();
		assertThat(this.runs.running()).as("left behind").isTrue();
		Child second = this.child.starter().start((exit) -> {
		});
		assertThat(this.cycle.state().live()).isTrue();
		assertThat(this.cycle.state().incarnation()).isEqualTo(2);
		assertThat(this.cycle.trigger()).isEqualTo(Trigger.RUN_IN_PROGRESS);
		assertThat(this.scheduler.pending()).as("no tick while the old run is in flight").isEmpty();
		this.release.countDown();
		await().atMost(AT_MOST).until(() -> !this.runs.running());
		assertThat(this.scheduler.pending()).singleElement()
			.satisfies((tick) -> assertThat(tick.delay()).isEqualTo(INTERVAL));
		second.stop(Duration.ofMillis(50));
	}

	private Child startAndRun(boolean ignoreInterrupts) throws Exception {
		this.ignoreInterrupts = ignoreInterrupts;
		Child worker = this.child.starter().start((exit) -> {
		});
		this.scheduler.runNext();
		assertThat(this.started.await(10, TimeUnit.SECONDS)).isTrue();
		return worker;
	}

	private boolean job() throws InterruptedException {
		this.started.countDown();
		do {
			try {
				this.release.await();
				return true;
			}
			catch (InterruptedException ex) {
				this.interrupts.incrementAndGet();
			}
		}
		while (this.ignoreInterrupts);
		throw new InterruptedException("stopped");
	}

}
