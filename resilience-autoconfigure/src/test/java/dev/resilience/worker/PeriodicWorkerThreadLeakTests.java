package dev.resilience.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Supervisor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that crash-and-restart cycles of a {@link PeriodicWorker} do not leak threads.
 */
class PeriodicWorkerThreadLeakTests {

	private static final int WARM_UP_CYCLES = 100;

	private static final int CYCLES = 1_000;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Test
	void thousandCrashAndRestartCyclesDoNotLeakThreads() throws InterruptedException {
		int threadsBefore = this.threads.getThreadCount();
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
		ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1);
		scheduler.setRemoveOnCancelPolicy(true);
		timeouts.setRemoveOnCancelPolicy(true);
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(scheduler), dev.resilience.runtime.Watchdog.on(timeouts),
				WorkerListener.NONE, Clock.systemUTC());
		Duration interval = Duration.ofMillis(1);
		WorkerSpec spec = new WorkerSpec("crasher", interval, Duration.ZERO, Duration.ofSeconds(30),
				Duration.ofSeconds(1), Restart.PERMANENT);
		int lastCrashingJob = WARM_UP_CYCLES + CYCLES;
		AtomicInteger jobs = new AtomicInteger();
		WorkerRuns status = new WorkerRuns("crasher");
		Supervisor supervisor = Supervisor.builder("crasher")
			.intensity(Intensity.derivedFrom(interval, Duration.ofSeconds(5)))
			.child(PeriodicWorker.childSpec(spec, () -> {
				int job = jobs.incrementAndGet();
				return () -> {
					if (job <= lastCrashingJob) {
						throw new IllegalStateException("crash " + job);
					}
					return true;
				};
			}, runtime, status))
			.build();
		try {
			supervisor.start();
			await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> jobs.get() > WARM_UP_CYCLES);
			int threadsAfterWarmUp = this.threads.getThreadCount();
			await().pollInSameThread().atMost(Duration.ofSeconds(120)).until(() -> jobs.get() > lastCrashingJob);
			assertThat(this.threads.getThreadCount()).isLessThanOrEqualTo(threadsAfterWarmUp + 2);
			assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
			assertThat(status.runs()).isGreaterThanOrEqualTo(lastCrashingJob);
		}
		finally {
			supervisor.stop();
			scheduler.shutdown();
			timeouts.shutdown();
		}
		assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(timeouts.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(scheduler.isTerminated()).isTrue();
		assertThat(timeouts.isTerminated()).isTrue();
		await().pollInSameThread()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.threads.getThreadCount() <= threadsBefore + 2);
	}

}
