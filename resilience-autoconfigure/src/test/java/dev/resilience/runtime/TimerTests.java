package dev.resilience.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link Timer}: one daemon thread of its own or a given executor, actions guarded,
 * close stopping only what the timer started.
 */
class TimerTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Test
	void actionsRunOnOneDaemonThreadNamedAfterTheTimer() throws Exception {
		try (Timer timer = Timer.start()) {
			AtomicReference<Thread> ran = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			timer.schedule(() -> {
				ran.set(Thread.currentThread());
				done.countDown();
			}, Duration.ofMillis(1));
			assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get().getName()).isEqualTo(Timer.THREAD_NAME).isEqualTo("resilience-timer");
			assertThat(ran.get().isDaemon()).isTrue();
		}
	}

	@Test
	void aNegativeDelayRunsAsSoonAsPossibleAndAFutureCancelsAnAction() throws Exception {
		try (Timer timer = Timer.start("test-timer")) {
			CountDownLatch soon = new CountDownLatch(1);
			timer.schedule(soon::countDown, Duration.ofSeconds(-5));
			assertThat(soon.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			ScheduledFuture<?> later = timer.schedule(() -> {
			}, Duration.ofHours(1));
			assertThat(later.getDelay(TimeUnit.MINUTES)).isBetween(59L, 60L);
			assertThat(later.cancel(false)).isTrue();
			assertThat(((ScheduledThreadPoolExecutor) timer.executor()).getQueue()).isEmpty(); // removed on cancel
		}
	}

	@Test
	void anActionThatThrowsIsLoggedAndTheTimerGoesOn() throws Exception {
		try (Timer timer = Timer.start("test-timer"); LogCapture logs = LogCapture.of(Timer.class)) {
			timer.schedule(() -> {
				throw new IllegalStateException("boom");
			}, Duration.ZERO);
			CountDownLatch next = new CountDownLatch(1);
			timer.schedule(next::countDown, Duration.ZERO);
			assertThat(next.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(logs.lines()).singleElement().satisfies((line) -> {
				assertThat(line.level()).isEqualTo("WARN");
				assertThat(line.stackTrace()).isTrue();
			});
		}
	}

	@Test
	void closeStopsTheTimersOwnThreadAndPendingActionsNeverRun() {
		Timer timer = Timer.start("test-timer");
		CountDownLatch never = new CountDownLatch(1);
		timer.schedule(never::countDown, Duration.ofMillis(50));
		timer.close();
		assertThat(timer.executor().isShutdown()).isTrue();
		assertThat(never.getCount()).isOne();
		assertThatExceptionOfType(java.util.concurrent.RejectedExecutionException.class)
			.isThrownBy(() -> timer.schedule(() -> {
			}, Duration.ZERO));
	}

	@Test
	void aTimerOnAGivenExecutorUsesItAndLeavesItRunningOnClose() throws Exception {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
		try {
			Timer timer = Timer.on(executor);
			assertThat(timer.executor()).isSameAs(executor);
			CountDownLatch ran = new CountDownLatch(1);
			timer.schedule(ran::countDown, Duration.ZERO);
			assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Watchdog.Guard guard = timer.watchdog().guard(Duration.ofMillis(1));
			await().atMost(WAIT).until(guard::timedOut);
			assertThat(guard.end()).isTrue();
			assertThat(timer.watchdog()).isSameAs(timer.watchdog());
			assertThat(timer.clock()).isEqualTo(java.time.Clock.systemUTC());
			java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
			assertThat(Timer.on(executor, () -> 42L, fixed).clock()).isSameAs(fixed);
			assertThat(Timer.on(executor, () -> 42L, fixed).nanoTime()).isEqualTo(42L);
			timer.close();
			assertThat(executor.isShutdown()).isFalse();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aDueTimeIsRoundedUpOntoAGridOfAtMostOneSixtyFourthOfItsDelay() {
		long[] nows = { 0, 1, 123_456_789_012L, -987_654_321_098L, Long.MAX_VALUE / 4, Long.MIN_VALUE / 4 };
		long[] delays = { 0, 1, 127, 128, 129, 4_095, 1_000_000, 99_999_999, 100_000_000, 1_000_000_000, 3_600_000_000_000L };
		for (long now : nows) {
			for (long delay : delays) {
				long slack = Math.min(Long.highestOneBit(delay / 64), 1L << 23);
				long coalesced = Timer.coalesced(delay, now);
				assertThat(coalesced).as("never early: %d at %d", delay, now).isGreaterThanOrEqualTo(delay);
				if (slack <= 1) {
					assertThat(coalesced).as("too short to round: %d", delay).isEqualTo(delay);
				}
				else {
					assertThat(coalesced - delay).as("late by less than the slack: %d at %d", delay, now).isLessThan(slack);
					assertThat(Math.floorMod(now + coalesced, slack)).as("on the grid: %d at %d", delay, now).isZero();
				}
			}
		}
		assertThat(Long.highestOneBit(1_000_000_000L / 64)).as("a 1 s delay's grid is the widest").isEqualTo(1L << 23);
		assertThat(Timer.coalesced(100_000_000, 3)).isEqualTo(100_000_000 + (1L << 20) - (100_000_003 % (1L << 20)));
		assertThat(Timer.coalesced(1_000_000_000, 1L << 23)).as("already on the grid").isEqualTo(1_000_000_000 + 8_388_608 - (1_000_000_000 % 8_388_608));
		assertThat(Timer.coalesced(1L << 30, 0)).as("a multiple of the widest grid").isEqualTo(1L << 30);
	}

	@Test
	void aStartedTimerLetsDelaysFallDueTogether() {
		try (Timer timer = Timer.start("test-timer")) {
			long grid = 1L << 23; // the grid of a delay of an hour
			int onTheGrid = 0;
			for (int i = 0; i < 20; i++) {
				long before = System.nanoTime();
				ScheduledFuture<?> action = timer.schedule(() -> {
				}, Duration.ofHours(1).plusNanos(i * 1_000_003L));
				long due = before + action.getDelay(TimeUnit.NANOSECONDS);
				long offGrid = Math.abs(Math.floorMod(due + grid / 2, grid) - grid / 2);
				if (offGrid < 500_000) {
					onTheGrid++;
				}
				action.cancel(false);
			}
			// uncoalesced, about 2 of 20 would land within 0.5 ms of the 8.4 ms grid by chance
			assertThat(onTheGrid).isGreaterThanOrEqualTo(15);
		}
	}

	@Test
	void aTimerOnAGivenExecutorTimesEveryDelayExactly() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
		try {
			Timer timer = Timer.on(executor, () -> 0L, java.time.Clock.systemUTC());
			int exact = 0;
			for (int i = 0; i < 20; i++) {
				long before = System.nanoTime();
				long delay = Duration.ofHours(1).plusNanos(i * 1_000_003L).toNanos();
				ScheduledFuture<?> action = timer.schedule(() -> {
				}, Duration.ofNanos(delay));
				long after = System.nanoTime();
				long left = action.getDelay(TimeUnit.NANOSECONDS);
				if (left <= delay && left >= delay - (after - before) - 1_000_000) {
					exact++;
				}
				action.cancel(false);
			}
			assertThat(exact).isGreaterThanOrEqualTo(15);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void nanoTimeIsTheMonotonicClock() {
		try (Timer timer = Timer.start("test-timer")) {
			long before = System.nanoTime();
			long now = timer.nanoTime();
			assertThat(now).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(System.nanoTime());
		}
	}

	@Test
	void nullsAreRefused() {
		assertThatNullPointerException().isThrownBy(() -> Timer.start(null)).withMessage("threadName");
		assertThatNullPointerException().isThrownBy(() -> Timer.on(null)).withMessage("executor");
	}

}
