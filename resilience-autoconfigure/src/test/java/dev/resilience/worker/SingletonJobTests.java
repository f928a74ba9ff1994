package dev.resilience.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Unit tests of {@link SingletonJob}, with a fake {@link ClusterLock}: each run takes the lock,
 * runs the job and releases it; a lock held elsewhere or an unreachable store skips the run,
 * never a crash.
 */
class SingletonJobTests {

	private static final Duration AT_MOST = Duration.ofSeconds(30);

	private static final Duration AT_LEAST = Duration.ofSeconds(1);

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<Throwable> unavailable = new CopyOnWriteArrayList<>();

	private final AtomicInteger releases = new AtomicInteger();

	private final AtomicInteger jobRuns = new AtomicInteger();

	private final SingletonListener recording = new SingletonListener() {

		@Override
		public void acquired(String worker) {
			SingletonJobTests.this.events.add("acquired " + worker);
		}

		@Override
		public void released(String worker) {
			SingletonJobTests.this.events.add("released " + worker);
		}

		@Override
		public void skipped(String worker) {
			SingletonJobTests.this.events.add("skipped " + worker);
		}

		@Override
		public void unavailable(String worker, Throwable failure) {
			SingletonJobTests.this.events.add("unavailable " + worker);
			SingletonJobTests.this.unavailable.add(failure);
		}

	};

	@Test
	void aThrowingListenerIsLoggedOnceAtWarnAndNeverFailsTheRun() throws Exception {
		SingletonListener throwing = new SingletonListener() {

			@Override
			public void acquired(String worker) {
				throw new IllegalStateException("listener down");
			}

			@Override
			public void released(String worker) {
				throw new IllegalStateException("listener down");
			}

		};
		ClusterLock lock = (name, atMostFor, atLeastFor) -> Optional.of(this::release);
		SingletonJob job = new SingletonJob("payments", () -> {
			this.jobRuns.incrementAndGet();
			return true;
		}, lock, AT_MOST, AT_LEAST, throwing);
		try (dev.resilience.testsupport.LogCapture logs = dev.resilience.testsupport.LogCapture
			.of(dev.resilience.runtime.Listeners.class)) {
			assertThat(job.runOnce()).isTrue();
			assertThat(job.runOnce()).isTrue();
			assertThat(logs.lines()).extracting(dev.resilience.testsupport.LogCapture.Line::level)
				.containsExactly("WARN", "DEBUG", "DEBUG", "DEBUG");
			assertThat(logs.lines().get(0).message()).contains("singleton listener", "payments");
		}
		assertThat(this.jobRuns).hasValue(2);
		assertThat(this.releases).hasValue(2);
	}

	@Test
	void heldLockRunsTheJobAndReleasesTheLockAfterwards() throws Exception {
		List<String> asked = new CopyOnWriteArrayList<>();
		ClusterLock lock = (name, atMostFor, atLeastFor) -> {
			asked.add(name + " " + atMostFor + " " + atLeastFor);
			return Optional.of(this::release);
		};
		SingletonJob job = new SingletonJob("payments", () -> {
			this.events.add("run, releases so far " + this.releases.get());
			return true;
		}, lock, AT_MOST, AT_LEAST, this.recording);
		assertThat(job.runOnce()).isTrue();
		assertThat(asked).containsExactly("payments PT30S PT1S");
		assertThat(this.events).containsExactly("acquired payments", "run, releases so far 0", "released payments");
		assertThat(this.releases).hasValue(1);
	}

	@Test
	void jobReturningFalseStillReleasesTheLockAndEndsTheWorker() throws Exception {
		SingletonJob job = new SingletonJob("payments", () -> false, (name, most, least) -> Optional.of(this::release),
				AT_MOST, AT_LEAST, this.recording);
		assertThat(job.runOnce()).isFalse();
		assertThat(this.releases).hasValue(1);
		assertThat(this.events).containsExactly("acquired payments", "released payments");
	}

	@Test
	void jobThatThrowsReleasesTheLockAndCrashesTheWorker() {
		SingletonJob job = new SingletonJob("payments", () -> {
			throw new IllegalStateException("boom");
		}, (name, most, least) -> Optional.of(this::release), AT_MOST, AT_LEAST, this.recording);
		assertThatIllegalStateException().isThrownBy(job::runOnce).withMessage("boom");
		assertThat(this.releases).hasValue(1);
		assertThat(this.events).containsExactly("acquired payments", "released payments");
	}

	@Test
	void lockHeldElsewhereSkipsTheRunWithoutACrash() throws Exception {
		SingletonJob job = new SingletonJob("payments", this::countRun, (name, most, least) -> Optional.empty(),
				AT_MOST, AT_LEAST, this.recording);
		assertThat(job.runOnce()).isTrue();
		assertThat(this.jobRuns).hasValue(0);
		assertThat(this.events).containsExactly("skipped payments");
	}

	@Test
	void unreachableLockStoreSkipsTheRunWithoutACrash() throws Exception {
		IOException down = new IOException("connection refused");
		SingletonJob job = new SingletonJob("payments", this::countRun, (name, most, least) -> {
			throw down;
		}, AT_MOST, AT_LEAST, this.recording);
		assertThat(job.runOnce()).isTrue();
		assertThat(this.jobRuns).hasValue(0);
		assertThat(this.events).containsExactly("unavailable payments");
		assertThat(this.unavailable).containsExactly(down);
	}

	@Test
	void leaseThatFailsToReleaseIsNotACrash() throws Exception {
		SingletonJob job = new SingletonJob("payments", this::countRun, (name, most, least) -> Optional.of(() -> {
			throw new IllegalStateException("store gone");
		}), AT_MOST, AT_LEAST, this.recording);
		assertThat(job.runOnce()).isTrue();
		assertThat(this.jobRuns).hasValue(1);
		assertThat(this.events).containsExactly("acquired payments", "released payments");
	}

	@Test
	void throwingListenerHarmsNeitherTheRunNorTheLock() throws Exception {
		SingletonListener throwing = new SingletonListener() {

			@Override
			public void acquired(String worker) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void released(String worker) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void skipped(String worker) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void unavailable(String worker, Throwable failure) {
				throw new IllegalStateException("listener");
			}

		};
		assertThat(new SingletonJob("w", this::countRun, (name, most, least) -> Optional.of(this::release), AT_MOST,
				AT_LEAST, throwing)
			.runOnce()).isTrue();
		assertThat(new SingletonJob("w", this::countRun, (name, most, least) -> Optional.empty(), AT_MOST, AT_LEAST,
				throwing)
			.runOnce()).isTrue();
		assertThat(new SingletonJob("w", this::countRun, (name, most, least) -> {
			throw new IOException("down");
		}, AT_MOST, AT_LEAST, throwing).runOnce()).isTrue();
		assertThat(this.jobRuns).hasValue(1);
		assertThat(this.releases).hasValue(1);
	}

	@Test
	void compositeListenerCallsEachListenerInOrderAndIsolatesAThrowingOne() {
		List<String> heard = new CopyOnWriteArrayList<>();
		SingletonListener throwing = new SingletonListener() {

			@Override
			public void acquired(String worker) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void released(String worker) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void skipped(String worker) {
				throw new IllegalStateException("listener");
			}

			@Override
			public void unavailable(String worker, Throwable failure) {
				throw new IllegalStateException("listener");
			}

		};
		SingletonListener second = new SingletonListener() {

			@Override
			public void acquired(String worker) {
				heard.add("acquired " + worker);
			}

			@Override
			public void released(String worker) {
				heard.add("released " + worker);
			}

			@Override
			public void skipped(String worker) {
				heard.add("skipped " + worker);
			}

			@Override
			public void unavailable(String worker, Throwable failure) {
				heard.add("unavailable " + worker + " " + failure.getMessage());
			}

		};
		SingletonListener composite = SingletonListener.composite(List.of(throwing, second));
		composite.acquired("a");
		composite.released("b");
		composite.skipped("c");
		composite.unavailable("d", new IOException("down"));
		assertThat(heard).containsExactly("acquired a", "released b", "skipped c", "unavailable d down");
	}

	private boolean countRun() {
		this.jobRuns.incrementAndGet();
		return true;
	}

	private void release() {
		this.releases.incrementAndGet();
	}

}
