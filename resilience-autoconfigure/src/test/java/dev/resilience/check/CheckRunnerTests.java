package dev.resilience.check;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckRunner.CheckTimeoutException;
import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link CheckRunner}: alarms, timeouts and what its listener hears.
 */
class CheckRunnerTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final Watchdog watchdog = Watchdog.start("test-check-watchdog");

	private final Alarms alarms = Alarms.builder().build();

	private final List<String> changes = new CopyOnWriteArrayList<>();

	private final List<String> checks = new CopyOnWriteArrayList<>();

	private final List<String> reasons = new CopyOnWriteArrayList<>();

	private final ManualScheduler timer = new ManualScheduler();

	private volatile boolean failing;

	@AfterEach
	void close() {
		this.watchdog.close();
		this.timer.shutdownNow();
		this.alarms.close();
	}

	@Test
	void failedCheckSetsTheAlarmAndPassesClearItOnlyAfterThePassingChecks() {
		CheckRunner runner = runner(this::check, Duration.ofSeconds(1));
		this.failing = true;
		runner.runOnce();
		assertThat(this.alarms.isSet("db_disconnected")).isTrue();
		assertThat(this.alarms.active().get(0).severity()).isEqualTo(Severity.CRITICAL);
		assertThat(this.alarms.active().get(0).description()).contains("refused");
		this.failing = false;
		runner.runOnce();
		runner.runOnce();
		assertThat(this.alarms.isSet("db_disconnected")).isTrue();
		assertThat(runner.snapshot().state()).isEqualTo(CheckState.DEGRADED);
		runner.runOnce();
		assertThat(this.alarms.isSet("db_disconnected")).isFalse();
		assertThat(runner.snapshot().state()).isEqualTo(CheckState.CONNECTED);
		assertThat(this.changes).containsExactly("DEGRADED->CONNECTED");
	}

	@Test
	void listenerHearsEveryCheckAndOnlyRealStateChanges() {
		CheckRunner runner = runner(this::check, Duration.ofSeconds(1));
		assertThat(runner.settings().name()).isEqualTo("db");
		assertThat(runner.state()).isEqualTo(CheckState.DEGRADED);
		this.failing = true;
		assertThat(runner.runOnce()).as("a failed check runs again").isTrue();
		this.failing = false;
		for (int i = 0; i < 4; i++) {
			assertThat(runner.runOnce()).isTrue();
		}
		this.failing = true;
		runner.runOnce();
		assertThat(this.checks).containsExactly("failed", "passed", "passed", "passed", "passed", "failed");
		assertThat(this.changes).containsExactly("DEGRADED->CONNECTED", "CONNECTED->DEGRADED");
		assertThat(this.reasons).containsExactly("3 checks in a row passed",
				"check failed: java.io.IOException: connection refused");
		assertThat(runner.state()).isEqualTo(CheckState.DEGRADED);
	}

	@Test
	void aFailureWhileAlreadyDegradedSetsTheAlarmAgain() {
		CheckRunner runner = runner(this::check, Duration.ofSeconds(1));
		this.failing = true;
		runner.runOnce();
		this.alarms.clear("db_disconnected"); // say an operator cleared it
		runner.runOnce();
		assertThat(runner.snapshot().state()).isEqualTo(CheckState.DEGRADED);
		assertThat(this.alarms.isSet("db_disconnected")).isTrue();
	}

	@Test
	void aCheckPastItsTimeoutIsInterruptedAndFails() {
		CheckRunner runner = runner(() -> new CountDownLatch(1).await(10, TimeUnit.SECONDS), Duration.ofMillis(100));
		long start = System.nanoTime();
		runner.runOnce();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(runner.snapshot().lastFailure()).contains("took longer than");
		assertThat(this.alarms.isSet("db_disconnected")).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void aCheckThatIgnoresInterruptionButOverrunsStillFails() {
		CheckRunner runner = runner(() -> {
			long end = System.nanoTime() + Duration.ofMillis(150).toNanos();
			while (System.nanoTime() < end) {
				Thread.onSpinWait();
			}
		}, Duration.ofMillis(50));
		runner.runOnce();
		assertThat(runner.snapshot().lastFailure()).contains("took longer than");
		assertThat(this.checks).containsExactly("failed");
	}

	@Test
	void aCheckThatReturnsAfterItsTimeoutInterruptedItFails() throws Exception {
		CheckRunner runner = new CheckRunner(settings(Duration.ofSeconds(1)), () -> this.timer.next().run(),
				this.alarms, Watchdog.on(this.timer), CheckListener.NONE, Clock.systemUTC());
		runner.runOnce();
		assertThat(runner.snapshot().lastFailure()).startsWith(CheckTimeoutException.class.getName())
			.contains("took longer than PT1S");
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void aCheckThatThrowsAfterItsTimeoutInterruptedItFailsWithTheTimeout() {
		CheckRunner runner = new CheckRunner(settings(Duration.ofSeconds(1)), () -> {
			this.timer.next().run();
			throw new IOException("read interrupted");
		}, this.alarms, Watchdog.on(this.timer), CheckListener.NONE, Clock.systemUTC());
		runner.runOnce();
		assertThat(runner.snapshot().lastFailure()).startsWith(CheckTimeoutException.class.getName());
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void aCheckThatThrowsAnErrorAfterItsTimeoutInterruptedItLeavesNoInterruptBehind() {
		CheckRunner runner = new CheckRunner(settings(Duration.ofSeconds(1)), () -> {
			this.timer.next().run();
			throw new LinkageError("class went missing");
		}, this.alarms, Watchdog.on(this.timer), CheckListener.NONE, Clock.systemUTC());
		assertThatExceptionOfType(LinkageError.class).isThrownBy(runner::runOnce);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	/**
	 * The late-interrupt race on the check path: each check's timeout fires, from a second
	 * thread, exactly as the check returns. Whoever wins, the next check on the same thread never
	 * starts interrupted, each check is heard once, and only a check the timeout reached fails.
	 */
	@Test
	void timeoutFiringAsTheCheckEndsNeverReachesTheNextCheckNorCountsTwice() throws Exception {
		int rounds = 5_000;
		CyclicBarrier returning = new CyclicBarrier(2);
		AtomicInteger interruptedOnEntry = new AtomicInteger();
		AtomicInteger passed = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		DependencyCheck check = () -> {
			if (Thread.interrupted()) {
				interruptedOnEntry.incrementAndGet();
			}
			returning.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		};
		CheckRunner runner = new CheckRunner(settings(Duration.ofSeconds(30)), check, this.alarms,
				Watchdog.on(this.timer), new CheckListener() {

					@Override
					public void checked(String name, boolean ok, Duration duration) {
						(ok ? passed : failed).incrementAndGet();
					}

				}, Clock.systemUTC());
		AtomicReference<Throwable> racerFailure = new AtomicReference<>();
		Thread racer = this.timer.racer(rounds, returning, racerFailure);
		racer.start();
		for (int i = 0; i < rounds; i++) {
			runner.runOnce();
			assertThat(Thread.currentThread().isInterrupted()).as("interrupted after check %d", i).isFalse();
		}
		racer.join(WAIT.toMillis());
		assertThat(racerFailure.get()).isNull();
		assertThat(interruptedOnEntry).as("checks that started interrupted").hasValue(0);
		assertThat(passed.get() + failed.get()).as("checks heard").isEqualTo(rounds);
		assertThat(failed).as("timeouts that won the race").hasPositiveValue();
		assertThat(runner.snapshot().lastFailure()).contains("took longer than");
	}

	private void check() throws IOException {
		if (this.failing) {
			throw new IOException("connection refused");
		}
	}

	private CheckRunner runner(DependencyCheck check, Duration timeout) {
		return new CheckRunner(settings(timeout), check, this.alarms, this.watchdog, new CheckListener() {

			@Override
			public void checked(String name, boolean passed, Duration duration) {
				CheckRunnerTests.this.checks.add(passed ? "passed" : "failed");
			}

			@Override
			public void stateChanged(String name, CheckState from, CheckState to, String reason) {
				CheckRunnerTests.this.changes.add(from + "->" + to);
				CheckRunnerTests.this.reasons.add(reason);
			}

		}, Clock.systemUTC());
	}

	private static CheckSettings settings(Duration timeout) {
		return new CheckSettings("db", Duration.ofSeconds(1), timeout, 3, "db_disconnected", Severity.CRITICAL);
	}

}
