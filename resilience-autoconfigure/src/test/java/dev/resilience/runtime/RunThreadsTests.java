package dev.resilience.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Unit tests of {@link RunThreads}: runs never queue behind one another, run threads are named
 * daemon threads, and a closed pool takes no new run.
 */
class RunThreadsTests {

	private static final long WAIT_SECONDS = 10;

	@Test
	void aRunThatNeverReturnsDoesNotHoldUpTheNextOne() throws InterruptedException {
		try (RunThreads threads = RunThreads.platform(0)) {
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch second = new CountDownLatch(1);
			threads.execute(() -> awaitQuietly(release));
			threads.execute(second::countDown);
			assertThat(second.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			release.countDown();
		}
	}

	@Test
	void runsHandedOverTogetherOnATimerTakeOneNamedDaemonThreadAndAHungRunHoldsUpNoOther() throws InterruptedException {
		try (Timer timer = Timer.start("test-timer"); RunThreads threads = RunThreads.platform(0, timer)) {
			assertThat(threads.idleThreads()).isZero();
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch second = new CountDownLatch(1);
			AtomicReference<Thread> ran = new AtomicReference<>();
			threads.execute(() -> awaitQuietly(release));
			threads.execute(() -> {
				ran.set(Thread.currentThread());
				second.countDown();
			});
			assertThat(second.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get().getName()).startsWith(RunThreads.THREAD_PREFIX);
			assertThat(ran.get().isDaemon()).isTrue();
			release.countDown();
		}
		assertThat(RunThreads.STALL).isEqualTo(Duration.ofNanos(1L << 23));
	}

	@Test
	void aClosedPoolOnATimerTakesNoNewRun() throws InterruptedException {
		try (Timer timer = Timer.start("test-timer")) {
			RunThreads threads = RunThreads.platform(1, timer);
			assertThat(threads.idleThreads()).isOne();
			CountDownLatch ran = new CountDownLatch(1);
			threads.execute(ran::countDown);
			assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			threads.close();
			assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> threads.execute(() -> {
			}));
			assertThatNullPointerException().isThrownBy(() -> RunThreads.platform(0, null)).withMessage("timer");
		}
	}

	@Test
	void runThreadsAreNamedDaemonThreads() throws InterruptedException {
		try (RunThreads threads = RunThreads.platform(1)) {
			AtomicReference<Thread> ran = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			threads.execute(() -> {
				ran.set(Thread.currentThread());
				done.countDown();
			});
			assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get().getName()).isEqualTo(RunThreads.THREAD_PREFIX + "1");
			assertThat(ran.get().isDaemon()).isTrue();
		}
	}

	@Test
	void itKeepsTheIdleThreadsItIsAskedFor() {
		try (RunThreads none = RunThreads.platform(0); RunThreads two = RunThreads.platform(2)) {
			assertThat(none.idleThreads()).isZero();
			assertThat(two.idleThreads()).isEqualTo(2);
		}
	}

	@Test
	void aNegativeNumberOfIdleThreadsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunThreads.platform(-1))
			.withMessage("idleThreads must be at least 0, was -1");
	}

	@Test
	void aClosedPoolLetsItsRunFinishAndTakesNoNewRun() throws InterruptedException {
		RunThreads threads = RunThreads.platform(0);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch finished = new CountDownLatch(1);
		threads.execute(() -> {
			awaitQuietly(release);
			finished.countDown();
		});
		threads.close();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> threads.execute(() -> {
		}));
		release.countDown();
		assertThat(finished.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aNullRunIsRefused() {
		try (RunThreads threads = RunThreads.platform(0)) {
			assertThatNullPointerException().isThrownBy(() -> threads.execute(null)).withMessage("run");
		}
	}

	@Test
	void virtualThreadsAreAvailableFromJdk21() {
		assertThat(RunThreads.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void onVirtualThreadsEachRunHasANamedVirtualThreadOfItsOwn() throws InterruptedException {
		try (RunThreads threads = RunThreads.virtual()) {
			AtomicReference<Thread> ran = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			threads.execute(() -> {
				ran.set(Thread.currentThread());
				done.countDown();
			});
			assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get().getName()).startsWith(RunThreads.THREAD_PREFIX);
			assertThat(threads.idleThreads()).isZero();
		}
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void beforeJdk21VirtualThreadsAreRefusedNamingTheJdk() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(RunThreads::virtual)
			.withMessageContaining("virtual threads need JDK 21 or later");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(Duration.ofSeconds(WAIT_SECONDS).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
