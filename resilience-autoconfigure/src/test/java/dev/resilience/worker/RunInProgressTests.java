package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.LogCapture;
import dev.resilience.testsupport.LogCapture.Line;
import dev.resilience.testsupport.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unit tests of {@link RunInProgress} with real run threads: how long a stop waits for a run,
 * when it interrupts it and when it gives up on it.
 */
class RunInProgressTests {

	private static final String LEFT_BEHIND = "Worker 'w' did not end its run within PT1S of being interrupted; "
			+ "leaving it behind";

	private final ManualScheduler timeouts = new ManualScheduler();

	private final Watchdog watchdog = Watchdog.on(this.timeouts);

	private final RunInProgress run = new RunInProgress();

	private final LogCapture logs = LogCapture.of(PeriodicWorker.class);

	private final CountDownLatch release = new CountDownLatch(1);

	private Thread runThread;

	@AfterEach
	void releaseTheRun() throws InterruptedException {
		this.release.countDown();
		if (this.runThread != null) {
			this.runThread.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(this.runThread.isAlive()).isFalse();
		}
		this.logs.close();
		this.timeouts.shutdownNow();
	}

	@Test
	void aRunThatEndedBeforeTheStopWaitsIsNotWaitedFor() {
		this.run.endedWhileStopping();
		assertThat(this.run.awaitEnd("w", Duration.ofHours(1))).isTrue();
		assertThat(this.logs.lines()).isEmpty();
	}

	@Test
	void aRunThatOutlastsTheShutdownTimeoutIsInterruptedAndEnds() throws InterruptedException {
		AtomicInteger interrupts = new AtomicInteger();
		startRun(() -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				interrupts.incrementAndGet();
			}
			this.run.endedWhileStopping();
		});
		assertThat(this.run.awaitEnd("w", Duration.ofMillis(50))).isTrue();
		assertThat(interrupts).hasValue(1);
		assertThat(this.logs.lines()).isEmpty();
	}

	@Test
	void aRunThatIgnoresTheInterruptIsLeftBehindWithAWarning() throws InterruptedException {
		AtomicInteger interrupts = new AtomicInteger();
		startRun(() -> {
			while (this.release.getCount() > 0) {
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					interrupts.incrementAndGet();
				}
			}
		});
		assertThat(this.run.awaitEnd("w", Duration.ofMillis(50))).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> interrupts.get() == 1);
		assertThat(this.logs.lines()).containsExactly(new Line("WARN", LEFT_BEHIND, false));
	}

	@Test
	void aRunStartedWithoutAGuardIsLeftBehindAfterTheTimeoutAndTheGrace() {
		assertThat(this.run.awaitEnd("w", Duration.ofMillis(50))).isFalse();
		assertThat(this.logs.lines()).containsExactly(new Line("WARN", LEFT_BEHIND, false));
	}

	@Test
	void aStopThatIsInterruptedWhileWaitingGivesUpAndKeepsItsInterrupt() {
		Thread.currentThread().interrupt();
		try {
			assertThat(this.run.awaitEnd("w", Duration.ofHours(1))).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private void startRun(Runnable job) throws InterruptedException {
		CountDownLatch guarded = new CountDownLatch(1);
		this.runThread = new Thread(() -> {
			this.run.started(this.watchdog.guard(null));
			guarded.countDown();
			job.run();
		}, "run");
		this.runThread.start();
		assertThat(guarded.await(10, TimeUnit.SECONDS)).isTrue();
	}

}
