package dev.resilience.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link RunQueue}: runs handed over together run back to back on one thread, a run that
 * stalls gets the runs behind it a thread of their own, and no run handed over is lost.
 */
class RunQueueTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final long NEVER_STALLS = TimeUnit.HOURS.toNanos(1);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Timer timer = Timer.start("test-timer");

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.timer.close();
	}

	@Test
	void runsHandedOverWhileOneRunsWaitForItsThreadAndRunThereInOrder() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> ran = new CopyOnWriteArrayList<>();
		queue.execute(() -> {
			ran.add("first on " + Thread.currentThread().getName());
			started.countDown();
			awaitQuietly(release);
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		for (int i = 1; i <= 5; i++) {
			int number = i;
			queue.execute(() -> ran.add(number + " on " + Thread.currentThread().getName()));
		}
		assertThat(queue.drainers()).as("one thread takes them all").isOne();
		await().during(Duration.ofMillis(50)).atMost(WAIT).untilAsserted(() -> assertThat(ran).hasSize(1));
		release.countDown();
		await().atMost(WAIT).untilAsserted(() -> assertThat(ran).hasSize(6));
		String thread = ran.get(0).substring("first on ".length());
		assertThat(ran).containsExactly("first on " + thread, "1 on " + thread, "2 on " + thread, "3 on " + thread,
				"4 on " + thread, "5 on " + thread);
		await().atMost(WAIT).untilAsserted(() -> assertThat(queue.drainers()).isZero());
	}

	@Test
	void aRunHandedOverBehindOneThatStalledGetsAThreadOfItsOwnAtOnce() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, TimeUnit.MILLISECONDS.toNanos(1));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		queue.execute(() -> {
			started.countDown();
			awaitQuietly(release);
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		CountDownLatch second = new CountDownLatch(1);
		await().pollDelay(Duration.ofMillis(20)).atMost(WAIT).until(() -> true); // past the stall time
		queue.execute(() -> {
			second.countDown();
			awaitQuietly(release);
		});
		assertThat(queue.drainers()).as("a thread started by the hand-over itself, not by a watch").isEqualTo(2);
		assertThat(second.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		release.countDown();
	}

	@Test
	void aRunQueuedBehindOneThatThenStallsIsGivenAThreadByTheTimersWatch() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, TimeUnit.MILLISECONDS.toNanos(1));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch second = new CountDownLatch(1);
		AtomicReference<Thread> hung = new AtomicReference<>();
		AtomicReference<Thread> freed = new AtomicReference<>();
		queue.execute(() -> {
			hung.set(Thread.currentThread());
			awaitQuietly(release);
		});
		queue.execute(() -> { // handed over while the first is lively: it queues, and the timer watches
			freed.set(Thread.currentThread());
			second.countDown();
		});
		try {
			assertThat(second.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(freed.get()).isNotSameAs(hung.get());
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void theWatchGoesOnWhileRunsWaitAndTheLivelyThreadTakesThem() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		queue.execute(() -> {
			started.countDown();
			awaitQuietly(release);
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		queue.execute(ran::incrementAndGet);
		// two watches on the widest grid, at least: the lively thread keeps the run, none is started
		await().during(Duration.ofMillis(40)).atMost(WAIT).untilAsserted(() -> assertThat(queue.drainers()).isOne());
		assertThat(ran).hasValue(0);
		release.countDown();
		await().atMost(WAIT).untilAtomic(ran, org.hamcrest.Matchers.equalTo(1));
	}

	@Test
	void theWatchIsDueOnTheTimersWidestGridNoSoonerThanTheStallTime() {
		long grid = Timer.MAX_SLACK_NANOS;
		for (long now : new long[] { 0, 1, 123_456_789_012L, -987_654_321_098L, 5 * grid }) {
			for (long stall : new long[] { 0, 1, TimeUnit.MILLISECONDS.toNanos(1), grid, grid + 1, TimeUnit.HOURS.toNanos(1) }) {
				long delay = RunQueue.watchDelay(now, stall);
				assertThat(delay).as("not before the stall time: %d at %d", stall, now).isGreaterThanOrEqualTo(stall);
				assertThat(delay - stall).as("within one grid step of it").isLessThan(grid);
				assertThat(Math.floorMod(now + delay, grid)).as("on the grid").isZero();
			}
		}
		assertThat(RunQueue.watchDelay(3, grid)).isEqualTo(2 * grid - 3);
	}

	@Test
	void aWatchThatFindsTheThreadAheadLivelyWatchesOnAndAnEmptyQueueEndsIt() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		queue.execute(() -> {
			started.countDown();
			awaitQuietly(release);
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(queue.watching()).as("nothing queued yet").isFalse();
		CountDownLatch queued = new CountDownLatch(1);
		queue.execute(queued::countDown);
		assertThat(queue.watching()).isTrue();
		queue.watchDue();
		assertThat(queue.watching()).as("the run still waits: watched on").isTrue();
		assertThat(queue.drainers()).as("the thread ahead is lively: none started").isOne();
		release.countDown();
		assertThat(queued.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		queue.watchDue();
		assertThat(queue.watching()).as("nothing waits: the watch ends").isFalse();
	}

	@Test
	void aRunNeverStartsInterruptedByTheOneBeforeItOnItsThread() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicReference<Boolean> interrupted = new AtomicReference<>();
		queue.execute(() -> {
			started.countDown();
			awaitQuietly(release);
			Thread.currentThread().interrupt();
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		queue.execute(() -> interrupted.set(Thread.currentThread().isInterrupted()));
		release.countDown();
		await().atMost(WAIT).untilAsserted(() -> assertThat(interrupted.get()).isFalse());
	}

	@Test
	void aRunThatThrowsGoesToTheThreadsHandlerAndTheNextRunStillRuns() throws Exception {
		List<Throwable> uncaught = new CopyOnWriteArrayList<>();
		ExecutorService handled = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable);
			thread.setUncaughtExceptionHandler((t, ex) -> uncaught.add(ex));
			return thread;
		});
		try {
			RunQueue queue = new RunQueue(handled, this.timer, NEVER_STALLS);
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch next = new CountDownLatch(1);
			queue.execute(() -> {
				started.countDown();
				awaitQuietly(release);
				throw new IllegalStateException("boom");
			});
			assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			queue.execute(next::countDown);
			release.countDown();
			assertThat(next.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(uncaught).singleElement().satisfies((ex) -> assertThat(ex).hasMessage("boom"));
		}
		finally {
			handled.shutdownNow();
		}
	}

	@Test
	void aClosedQueueTakesNoNewRunButRunsThoseItHolds() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch held = new CountDownLatch(1);
		queue.execute(() -> {
			started.countDown();
			awaitQuietly(release);
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		queue.execute(held::countDown);
		queue.close();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> queue.execute(() -> {
		})).withMessage("the run threads are closed");
		release.countDown();
		assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aPoolThatRefusesAThreadRefusesTheRunAndKeepsNoThreadForIt() {
		this.threads.shutdown();
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> queue.execute(() -> {
		}));
		assertThat(queue.drainers()).isZero();
	}

	@Test
	void aClosedTimerLeavesAQueuedRunToTheLivelyThread() throws Exception {
		RunQueue queue = new RunQueue(this.threads, this.timer, NEVER_STALLS);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch next = new CountDownLatch(1);
		queue.execute(() -> {
			started.countDown();
			awaitQuietly(release);
		});
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		this.timer.close();
		queue.execute(next::countDown); // no watch can be set: no failure either
		assertThat(queue.watching()).isFalse();
		release.countDown();
		assertThat(next.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void noRunIsLostOrRunTwiceWhenThreadsHandOverRunsAsTheQueueEmpties() throws Exception {
		for (long stall : new long[] { NEVER_STALLS, 0 }) {
			RunQueue queue = new RunQueue(this.threads, this.timer, stall);
			int producers = 4;
			int perProducer = 50_000;
			AtomicInteger[] counts = new AtomicInteger[producers * perProducer];
			for (int i = 0; i < counts.length; i++) {
				counts[i] = new AtomicInteger();
			}
			CountDownLatch go = new CountDownLatch(1);
			Thread[] handing = new Thread[producers];
			for (int p = 0; p < producers; p++) {
				int first = p * perProducer;
				handing[p] = new Thread(() -> {
					awaitQuietly(go);
					for (int i = first; i < first + perProducer; i++) {
						AtomicInteger count = counts[i];
						queue.execute(count::incrementAndGet);
						if (i % 64 == 0) {
							Thread.yield(); // let the queue run empty now and then
						}
					}
				});
				handing[p].start();
			}
			go.countDown();
			for (Thread thread : handing) {
				thread.join(WAIT.toMillis());
			}
			await().atMost(WAIT).untilAsserted(() -> {
				for (AtomicInteger count : counts) {
					assertThat(count).hasValue(1);
				}
			});
			await().atMost(WAIT).untilAsserted(() -> assertThat(queue.drainers()).isZero());
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
