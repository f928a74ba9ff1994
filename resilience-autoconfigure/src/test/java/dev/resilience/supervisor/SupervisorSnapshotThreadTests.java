package dev.resilience.supervisor;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression test for issue 17: a thread that only reads a {@link Supervisor#snapshot()} (an
 * HTTP request on {@code /actuator/supervisors}) never runs restart work that a child's exit
 * queued. Exits come from threads of their own while another thread reads snapshots in a loop;
 * every child start and every listener call records its thread.
 */
class SupervisorSnapshotThreadTests {

	private static final String READER = "snapshot-reader";

	private static final int CHILDREN = 3;

	private static final int EXITS_PER_CHILD = 3_000;

	private final TestChildren children = new TestChildren();

	private final Set<String> startThreads = ConcurrentHashMap.newKeySet();

	private final Set<String> listenerThreads = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newFixedThreadPool(CHILDREN + 1, named());

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void snapshotReadsDuringExitsNeverRunARestart() throws Exception {
		SupervisorBuilder builder = Supervisor.builder("root")
			.intensity(new Intensity(Integer.MAX_VALUE, Duration.ofSeconds(1)))
			.listener(new SupervisionListener() {

				@Override
				public void childRestarted(String supervisor, ChildSpec child) {
					SupervisorSnapshotThreadTests.this.listenerThreads.add(Thread.currentThread().getName());
				}

			});
		for (int i = 0; i < CHILDREN; i++) {
			String id = "child-" + i;
			ChildStarter starter = this.children.starter(id);
			builder.child(ChildSpec.worker(id, (exitHandler) -> {
				this.startThreads.add(Thread.currentThread().getName());
				return starter.start(exitHandler);
			}));
		}
		Supervisor supervisor = builder.build();
		supervisor.start();
		this.startThreads.clear();
		AtomicBoolean exiting = new AtomicBoolean(true);
		AtomicLong snapshots = new AtomicLong();
		CountDownLatch go = new CountDownLatch(1);
		Future<?> reader = this.threads.submit(() -> {
			Thread.currentThread().setName(READER);
			go.await();
			while (exiting.get()) {
				supervisor.snapshot();
				snapshots.incrementAndGet();
			}
			return null;
		});
		Future<?>[] exiters = new Future<?>[CHILDREN];
		for (int i = 0; i < CHILDREN; i++) {
			String id = "child-" + i;
			exiters[i] = this.threads.submit(() -> {
				Thread.currentThread().setName("exit-" + id);
				go.await();
				for (int n = 0; n < EXITS_PER_CHILD; n++) {
					this.children.current(id).crash();
				}
				return null;
			});
		}
		go.countDown();
		for (Future<?> exiter : exiters) {
			exiter.get(60, TimeUnit.SECONDS);
		}
		exiting.set(false);
		reader.get(10, TimeUnit.SECONDS);
		supervisor.stop();

		assertThat(snapshots.get()).isPositive();
		for (int i = 0; i < CHILDREN; i++) {
			assertThat(this.children.starts("child-" + i)).isEqualTo(EXITS_PER_CHILD + 1);
		}
		assertThat(this.startThreads).isNotEmpty().doesNotContain(READER).allMatch((name) -> name.startsWith("exit-"));
		assertThat(this.listenerThreads).isNotEmpty().doesNotContain(READER).allMatch((name) -> name.startsWith("exit-"));
	}

	private static java.util.concurrent.ThreadFactory named() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> new Thread(runnable, "snapshot-test-" + count.incrementAndGet());
	}

}
