package dev.resilience.tree;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Restart;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of cluster-singleton workers in a {@link SupervisionTree}, with a fake
 * {@link ClusterLock}: how long the lock is held, the {@code <name>_lock_unavailable} alarm, and
 * the lock counts of the snapshot.
 */
class ClusterSingletonTests {

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final ManualScheduler timer = new ManualScheduler();

	private final Alarms alarms = Alarms.builder().build();

	private final FakeLock lock = new FakeLock();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final AtomicInteger runs = new AtomicInteger();

	private SupervisionTree tree;

	@AfterEach
	void stop() {
		if (this.tree != null) {
			this.tree.stop();
		}
		this.alarms.close();
		this.timer.shutdownNow();
	}

	@Test
	void lockIsHeldAtMostThirtySecondsAndAtLeastTheIntervalWhenTheWorkerHasNoTimeout() throws Exception {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)));
		this.scheduler.runNext();
		assertThat(this.lock.asked).containsExactly("pay at most PT30S at least PT10S");
		assertThat(this.timer.next().delay()).as("the lock's longest hold is the run timeout")
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(this.tree.worker("pay").orElseThrow().lock().lockAtMostFor()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void lockIsHeldAtMostTheTimeoutAndNotAtLeastAnIntervalLongerThanThat() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(5)));
		this.scheduler.runNext();
		assertThat(this.lock.asked).containsExactly("pay at most PT5S at least PT0S");
	}

	@Test
	void lockIsNotHeldAtLeastAnIntervalAsLongAsTheTimeout() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(10)));
		this.scheduler.runNext();
		assertThat(this.lock.asked).containsExactly("pay at most PT10S at least PT0S");
	}

	@Test
	void lockIsHeldAtLeastTheIntervalWhenItIsShorterThanTheTimeout() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(11)));
		this.scheduler.runNext();
		assertThat(this.lock.asked).containsExactly("pay at most PT11S at least PT10S");
	}

	@Test
	void unreachableLockStoreSetsTheAlarmUntilARunTakesOrMissesTheLock() {
		start(WorkerSpec.of("pay", Duration.ofSeconds(10)));
		this.lock.mode.set(Mode.DOWN);
		this.scheduler.runNext();
		assertThat(this.alarms.active()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.id()).isEqualTo("pay_lock_unavailable");
			assertThat(alarm.severity()).isEqualTo(Severity.MINOR);
			assertThat(alarm.description()).isEqualTo("cluster lock of worker 'pay' unreachable: java.io.IOException");
		});
		WorkerSnapshot down = this.tree.worker("pay").orElseThrow();
		assertThat(down.consecutiveFailures()).as("not a crash").isZero();
		assertThat(down.lock().unavailableRuns()).isEqualTo(1);
		this.lock.mode.set(Mode.ELSEWHERE);
		this.scheduler.runNext();
		assertThat(this.alarms.isSet("pay_lock_unavailable")).isFalse();
		this.lock.mode.set(Mode.DOWN);
		this.scheduler.runNext();
		assertThat(this.alarms.isSet("pay_lock_unavailable")).isTrue();
		this.lock.mode.set(Mode.FREE);
		this.scheduler.runNext();
		assertThat(this.alarms.isSet("pay_lock_unavailable")).isFalse();
		assertThat(this.runs).as("only the run that held the lock").hasValue(1);
		WorkerSnapshot.Lock counts = this.tree.worker("pay").orElseThrow().lock();
		assertThat(counts).isEqualTo(new WorkerSnapshot.Lock("node-1", false, Duration.ofSeconds(30), 1, 1, 2));
		assertThat(this.heard).containsExactly("unavailable pay", "skipped pay", "unavailable pay", "acquired pay",
				"released pay");
	}

	@Test
	void snapshotShowsTheLockHeldWhileARunIsInProgress() {
		AtomicReference<Boolean> heldDuringTheRun = new AtomicReference<>();
		this.tree = builder().worker(WorkerSettings.of(WorkerSpec.of("pay", Duration.ofSeconds(10)))
			.withClusterSingleton(true), () -> () -> {
				heldDuringTheRun.set(this.tree.worker("pay").orElseThrow().lock().heldByThisInstance());
				return true;
			}).build();
		this.tree.start();
		this.scheduler.runNext();
		assertThat(heldDuringTheRun.get()).isTrue();
		assertThat(this.tree.worker("pay").orElseThrow().lock().heldByThisInstance()).isFalse();
		assertThat(this.lock.released).hasValue(1);
	}

	@Test
	void workerThatIsNoSingletonHasNoLock() {
		this.tree = builder().worker(WorkerSettings.of("plain", Duration.ofSeconds(10)), () -> () -> true).build();
		this.tree.start();
		this.scheduler.runNext();
		assertThat(this.lock.asked).isEmpty();
		assertThat(this.tree.worker("plain").orElseThrow().lock()).isNull();
	}

	private void start(WorkerSpec spec) {
		this.tree = builder().worker(WorkerSettings.of(spec).withClusterSingleton(true), () -> () -> {
			this.runs.incrementAndGet();
			return true;
		}).build();
		this.tree.start();
	}

	private SupervisionTreeBuilder builder() {
		return SupervisionTree.builder()
			.scheduler(this.scheduler)
			.runThreads(dev.resilience.worker.WorkerRuntime.ON_TIMER)
			.watchdog(Watchdog.on(this.timer))
			.clock(new TestClock())
			.alarms(this.alarms)
			.clusterLock(this.lock, "node-1")
			.singletonListener(new SingletonListener() {

				@Override
				public void acquired(String worker) {
					ClusterSingletonTests.this.heard.add("acquired " + worker);
				}

				@Override
				public void released(String worker) {
					ClusterSingletonTests.this.heard.add("released " + worker);
				}

				@Override
				public void skipped(String worker) {
					ClusterSingletonTests.this.heard.add("skipped " + worker);
				}

				@Override
				public void unavailable(String worker, Throwable failure) {
					ClusterSingletonTests.this.heard.add("unavailable " + worker);
				}

			});
	}

	private enum Mode {

		FREE, ELSEWHERE, DOWN

	}

	private static final class FakeLock implements ClusterLock {

		final AtomicReference<Mode> mode = new AtomicReference<>(Mode.FREE);

		final List<String> asked = new CopyOnWriteArrayList<>();

		final AtomicInteger released = new AtomicInteger();

		@Override
		public Optional<Lease> tryLock(String name, Duration atMostFor, Duration atLeastFor) throws Exception {
			this.asked.add(name + " at most " + atMostFor + " at least " + atLeastFor);
			return switch (this.mode.get()) {
				case FREE -> Optional.of(this.released::incrementAndGet);
				case ELSEWHERE -> Optional.empty();
				case DOWN -> throw new IOException("connection refused");
			};
		}

	}

}
