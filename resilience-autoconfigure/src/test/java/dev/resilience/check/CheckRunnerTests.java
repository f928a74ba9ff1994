package dev.resilience.check;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.runtime.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTests {

	private final Watchdog watchdog = Watchdog.start("test-check-watchdog");

	private final Alarms alarms = Alarms.builder().build();

	private final List<String> changes = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	@AfterEach
	void close() {
		this.watchdog.close();
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
		assertThat(runner.status().state()).isEqualTo(CheckState.DEGRADED);
		runner.runOnce();
		assertThat(this.alarms.isSet("db_disconnected")).isFalse();
		assertThat(runner.status().state()).isEqualTo(CheckState.CONNECTED);
		assertThat(this.changes).containsExactly("DEGRADED->CONNECTED");
	}

	@Test
	void aFailureWhileAlreadyDegradedSetsTheAlarmAgain() {
		CheckRunner runner = runner(this::check, Duration.ofSeconds(1));
		this.failing = true;
		runner.runOnce();
		this.alarms.clear("db_disconnected"); // say an operator cleared it
		runner.runOnce();
		assertThat(runner.status().state()).isEqualTo(CheckState.DEGRADED);
		assertThat(this.alarms.isSet("db_disconnected")).isTrue();
	}

	@Test
	void aCheckPastItsTimeoutIsInterruptedAndFails() {
		CheckRunner runner = runner(() -> new CountDownLatch(1).await(10, TimeUnit.SECONDS), Duration.ofMillis(100));
		long start = System.nanoTime();
		runner.runOnce();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(runner.status().lastFailure()).contains("took longer than");
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
		assertThat(runner.status().lastFailure()).contains("took longer than");
	}

	private void check() throws IOException {
		if (this.failing) {
			throw new IOException("connection refused");
		}
	}

	private CheckRunner runner(DependencyCheck check, Duration timeout) {
		CheckSettings settings = new CheckSettings("db", Duration.ofSeconds(1), timeout, 3, "db_disconnected",
				Severity.CRITICAL);
		return new CheckRunner(settings, check, this.alarms, this.watchdog, new CheckListener() {

			@Override
			public void stateChanged(String name, CheckState from, CheckState to, String reason) {
				CheckRunnerTests.this.changes.add(from + "->" + to);
			}

		}, Clock.systemUTC());
	}

}
