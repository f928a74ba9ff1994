package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Supervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The late-interrupt race on the run-timeout path: runs that last about as long as their timeout,
 * so the watchdog fires as they end, on a pool of one thread so every next run comes on the same
 * thread. What comes after a run on its thread (listeners, the supervisor's restart) is never
 * interrupted, and no run starts interrupted unless its own timeout already passed (a pause
 * between the start of the run and the first line of the job).
 */
class RunTimeoutRaceTests {

	private static final Duration TIMEOUT = Duration.ofNanos(200_000);

	private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

	private Supervisor supervisor;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.supervisor != null) {
			this.supervisor.stop();
		}
		this.pool.shutdownNow();
		this.timer.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void anInterruptMeantForARunThatEndedNeverReachesTheNextRun() {
		AtomicInteger started = new AtomicInteger();
		AtomicInteger leaks = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		AtomicBoolean thisRunStartedInterrupted = new AtomicBoolean();
		WorkerListener listener = new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				if (Thread.currentThread().isInterrupted()) {
					leaks.incrementAndGet(); // what runs after the run on its thread must never be interrupted
				}
				if (outcome == RunOutcome.TIMEOUT) {
					timedOut.incrementAndGet();
				}
				else if (thisRunStartedInterrupted.get()) {
					leaks.incrementAndGet(); // interrupted, but not by its own timeout
				}
			}

		};
		WorkerJob job = () -> {
			thisRunStartedInterrupted.set(Thread.currentThread().isInterrupted());
			started.incrementAndGet();
			long end = System.nanoTime() + TIMEOUT.toNanos();
			while (System.nanoTime() < end) {
				Thread.onSpinWait(); // ends right about when the watchdog fires
			}
			return true;
		};
		WorkerSpec spec = new WorkerSpec("racer", Duration.ofNanos(1), Duration.ZERO, TIMEOUT, Duration.ofSeconds(1),
				Restart.PERMANENT);
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.pool), Watchdog.on(this.timer), listener,
				Clock.systemUTC());
		this.supervisor = Supervisor.builder("sup")
			.intensity(new Intensity(1_000_000, Duration.ofSeconds(1)))
			.child(PeriodicWorker.childSpec(spec, () -> job, runtime, new WorkerRuns("racer")))
			.build();
		this.supervisor.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> started.get() >= 3_000);
		assertThat(leaks).as("runs interrupted by an earlier run's timeout").hasValue(0);
		assertThat(timedOut.get()).as("the race was run: some runs timed out").isPositive();
	}

}
