package dev.resilience.tree;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.CheckSnapshot;
import dev.resilience.check.CheckState;
import dev.resilience.check.PassiveChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reported failures in a real tree, on real threads: they run the check at once on its own
 * worker's thread, at most once per timeout however many arrive, and the check's run alone decides
 * its state.
 */
class PassiveChecksTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final IOException REFUSED = new IOException("connection refused");

	private final Alarms alarms = Alarms.builder().build();

	private final AtomicInteger runs = new AtomicInteger();

	private final List<String> runThreads = new CopyOnWriteArrayList<>();

	private final List<String> triggeredOn = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	private SupervisionTree tree;

	@AfterEach
	void stop() {
		if (this.tree != null) {
			this.tree.stop();
		}
		this.alarms.close();
	}

	@Test
	void threeFailuresRunTheCheckAtOnceOnItsOwnThreadAndAPassingRunLeavesItConnected() throws Exception {
		PassiveChecks passive = start(Duration.ofSeconds(1));
		passive.reportFailure("db", REFUSED);
		passive.reportFailure("db", REFUSED);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.runs.get() == 1);
		assertThat(this.runs).as("two failures do not trigger").hasValue(1);
		assertThat(this.tree.check("db").orElseThrow().reportedFailures()).isEqualTo(2);

		String caller = Thread.currentThread().getName();
		passive.reportFailure("db", REFUSED);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 2);
		assertThat(this.runThreads.get(1)).isNotEqualTo(caller);
		assertThat(this.triggeredOn).containsExactly(this.runThreads.get(1));
		CheckSnapshot check = this.tree.check("db").orElseThrow();
		assertThat(check.state()).as("the passing run decides").isEqualTo(CheckState.CONNECTED);
		assertThat(check.reportedFailures()).isEqualTo(3);
		assertThat(check.passiveFailures()).isEqualTo(3);
		assertThat(check.passiveTriggers()).isOne();
		assertThat(this.alarms.isSet("db_disconnected")).isFalse();

		passive.reportSuccess("db");
		assertThat(this.tree.check("db").orElseThrow().reportedFailures()).isZero();
	}

	@Test
	void aStormOfTenThousandFailuresRunsTheCheckAtMostOncePerTimeout() throws Exception {
		Duration timeout = Duration.ofMillis(200);
		PassiveChecks passive = start(timeout);
		int threads = 4;
		int each = 2_500;
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> reporters = new java.util.ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread reporter = new Thread(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < each; i++) {
					passive.reportFailure("db", REFUSED);
				}
			}, "reporter-" + t);
			reporter.start();
			reporters.add(reporter);
		}
		long start = System.nanoTime();
		go.countDown();
		for (Thread reporter : reporters) {
			reporter.join();
		}
		long stormNanos = System.nanoTime() - start;
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() >= 2);
		int seen = this.runs.get();
		// a run asked for late would show within two timeouts
		await().pollDelay(timeout.multipliedBy(2)).atMost(timeout.multipliedBy(4)).until(() -> this.runs.get() >= seen);
		long allowed = 1 + stormNanos / timeout.toNanos();
		int triggered = this.runs.get() - 1;
		assertThat(triggered).as("runs triggered by 10,000 failures over %d ms", stormNanos / 1_000_000)
			.isBetween(1, (int) allowed);
		assertThat(this.tree.check("db").orElseThrow().passiveTriggers()).isEqualTo(triggered);
		assertThat(this.tree.check("db").orElseThrow().reportedFailures()).isEqualTo(threads * each);
		assertThat(this.runThreads).noneMatch((name) -> name.startsWith("reporter-"));
	}

	@Test
	void aFailingTriggeredRunDegradesTheCheckAndFurtherReportsDoNotRunItAgain() throws Exception {
		PassiveChecks passive = start(Duration.ofMillis(100));
		this.failing = true;
		for (int i = 0; i < 3; i++) {
			passive.reportFailure("db", REFUSED);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.alarms.isSet("db_disconnected"));
		assertThat(this.tree.checkState("db")).hasValue(CheckState.DEGRADED);
		int runsWhenDegraded = this.runs.get();
		for (int i = 0; i < 5; i++) {
			Thread.sleep(100); // spaced past the one-run-per-timeout gap, so only the DEGRADED rule holds them back
			passive.reportFailure("db", REFUSED);
		}
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3)).until(() -> this.runs.get() == runsWhenDegraded);
		assertThat(this.runs).as("out already: only the scheduled passing checks bring it back").hasValue(runsWhenDegraded);
	}

	@Test
	void reportsForAnUnknownCheckOrAStoppedTreeAreIgnored() {
		PassiveChecks passive = start(Duration.ofSeconds(1));
		assertThat(passive.has("db")).isTrue();
		assertThat(passive.has("inventory")).isFalse();
		passive.reportFailure("inventory", REFUSED);
		passive.reportSuccess("inventory");
		this.tree.stop();
		this.tree = null;
		assertThat(passive.checks()).isEmpty();
		for (int i = 0; i < 5; i++) {
			passive.reportFailure("db", REFUSED);
		}
		assertThat(this.runs).hasValue(1);
	}

	/** A tree with the check {@code db}: one pass makes it CONNECTED, its next scheduled run is an hour away. */
	private PassiveChecks start(Duration timeout) {
		PassiveChecks passive = new PassiveChecks();
		this.tree = SupervisionTree.builder()
			.alarms(this.alarms)
			.passiveChecks(passive)
			.checkListener(new CheckListener() {
				@Override
				public void triggered(String check, int failures) {
					PassiveChecksTests.this.triggeredOn.add(Thread.currentThread().getName());
				}
			})
			.check(new CheckSettings("db", HOUR, timeout, 1, "db_disconnected", Severity.CRITICAL, 3), () -> {
				this.runThreads.add(Thread.currentThread().getName());
				this.runs.incrementAndGet();
				if (this.failing) {
					throw REFUSED;
				}
			})
			.build();
		this.tree.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tree.checkState("db").orElseThrow() == CheckState.CONNECTED);
		assertThat(this.runs).hasValue(1);
		return passive;
	}

}
