package dev.resilience.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one interrupt protocol: a guard interrupts its call at most once, never after the call
 * ended, and an interrupt it sent never outlives the call.
 */
class WatchdogTests {

	private final Watchdog watchdog = Watchdog.start("test-watchdog");

	@AfterEach
	void close() {
		this.watchdog.close();
		Thread.interrupted();
	}

	@Test
	void callThatEndsInTimeIsNotInterrupted() {
		Watchdog.Guard guard = this.watchdog.guard(Duration.ofSeconds(10));
		assertThat(guard.end()).isFalse();
		assertThat(guard.timedOut()).isFalse();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void callPastItsTimeoutIsInterruptedAndTheInterruptIsClearedByEnd() throws Exception {
		AtomicInteger timeouts = new AtomicInteger();
		Watchdog.Guard guard = this.watchdog.guard(Duration.ofMillis(20), timeouts::incrementAndGet);
		boolean interrupted = false;
		try {
			new CountDownLatch(1).await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		assertThat(interrupted).isTrue();
		assertThat(guard.end()).isTrue();
		assertThat(guard.timedOut()).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		// onTimeout runs on the timer thread after the interrupt, so it may trail this thread's end()
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(timeouts).hasValue(1));
		await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(timeouts).hasValue(1));
	}

	@Test
	void interruptOnRequestIsNotATimeout() {
		Watchdog.Guard guard = this.watchdog.guard(null);
		assertThat(guard.interrupt()).isTrue();
		assertThat(guard.interrupt()).as("at most once").isFalse();
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(guard.end()).isTrue();
		assertThat(guard.timedOut()).isFalse();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void interruptAfterEndDoesNothing() {
		Watchdog.Guard guard = this.watchdog.guard(null);
		guard.end();
		assertThat(guard.interrupt()).isFalse();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void someoneElsesInterruptIsLeftAlone() {
		Watchdog.Guard guard = this.watchdog.guard(Duration.ofSeconds(10));
		Thread.currentThread().interrupt();
		assertThat(guard.end()).isFalse();
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void timeoutOnAThreadThatEndedIsCancelled() {
		Watchdog.Guard guard = this.watchdog.guard(Duration.ofMillis(1));
		boolean interrupted = guard.end(); // the timer may or may not have fired first
		assertThat(guard.timedOut()).isEqualTo(interrupted);
		// the next call on this thread must never see the first call's interrupt
		Watchdog.Guard next = this.watchdog.guard(Duration.ofSeconds(10));
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
			.until(() -> !Thread.currentThread().isInterrupted());
		assertThat(next.end()).isFalse();
	}

	/**
	 * The late-interrupt race: the timeout fires exactly as the call ends. Whoever wins, after
	 * {@code end()} the thread is not interrupted and the next call on it is never interrupted by
	 * the first call's guard.
	 */
	@Test
	void lateInterruptNeverReachesTheNextCall() throws Exception {
		ScheduledThreadPoolExecutor direct = new ScheduledThreadPoolExecutor(1);
		try {
			AtomicReference<Watchdog.Guard> current = new AtomicReference<>();
			CyclicBarrier barrier = new CyclicBarrier(2);
			Thread racer = new Thread(() -> {
				try {
					for (int i = 0; i < 20_000; i++) {
						barrier.await();
						current.get().interrupt();
						barrier.await();
					}
				}
				catch (Exception ex) {
					// the test thread failed first
				}
			});
			racer.start();
			Watchdog manual = Watchdog.on(direct);
			for (int i = 0; i < 20_000; i++) {
				current.set(manual.guard(null));
				barrier.await();
				current.get().end();
				barrier.await();
				assertThat(Thread.currentThread().isInterrupted()).as("interrupt leaked past end() in round " + i)
					.isFalse();
			}
			racer.join();
		}
		finally {
			direct.shutdownNow();
		}
	}

}
