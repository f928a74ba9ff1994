package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.resilience.runtime.Timer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the {@link WorkerScheduler}s on a tree's {@link Timer} and on a JDK scheduled executor,
 * on real threads: they run what they are given, their futures cancel it, and they tell the time
 * delays are timed on.
 */
class WorkerSchedulerTests {

	@Test
	void aTreesTimerRunsTasksCancelsThemAndTellsItsTime() throws InterruptedException {
		try (Timer timer = Timer.start("worker-scheduler-test")) {
			schedulesCancelsAndTellsTime(WorkerScheduler.of(timer));
		}
	}

	@Test
	void aScheduledExecutorRunsTasksCancelsThemAndTellsTheSystemsTime() throws InterruptedException {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
		try {
			schedulesCancelsAndTellsTime(WorkerScheduler.of(executor));
		}
		finally {
			executor.shutdownNow();
		}
	}

	private void schedulesCancelsAndTellsTime(WorkerScheduler scheduler) throws InterruptedException {
		long before = System.nanoTime();
		long now = scheduler.nanoTime();
		assertThat(now).isBetween(before, System.nanoTime());
		CountDownLatch ran = new CountDownLatch(1);
		ScheduledFuture<?> soon = scheduler.schedule(ran::countDown, Duration.ofMillis(-5));
		assertThat(ran.await(10, TimeUnit.SECONDS)).as("a task due already runs at once").isTrue();
		CountDownLatch never = new CountDownLatch(1);
		ScheduledFuture<?> later = scheduler.schedule(never::countDown, Duration.ofHours(1));
		assertThat(later.getDelay(TimeUnit.MINUTES)).isBetween(59L, 60L);
		assertThat(later.cancel(false)).isTrue();
		assertThat(later.isCancelled()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(soon::isDone);
		assertThat(never.getCount()).isOne();
	}

}
