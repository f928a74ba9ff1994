package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Isolation for hangs, with the default configuration: eight workers whose runs never return (no
 * timeout, as most people write them) and one healthy worker at 100 ms. All eight start their
 * run, the healthy one keeps its cadence, and the hung ones show as running, with how long they
 * have run. On platform threads and, from JDK 21, on virtual threads.
 */
class HungWorkersApplicationTests {

	private static final int HUNG = 8;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(Hung.class)
		.withBean(Healthy.class);

	@Test
	void hungWorkersCostOnlyThemselvesOnPlatformThreads() {
		this.runner.run((context) -> isolated(context.getBean(Hung.class), context.getBean(Healthy.class),
				context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow()));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void hungWorkersCostOnlyThemselvesOnVirtualThreads() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> isolated(context.getBean(Hung.class), context.getBean(Healthy.class),
					context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow()));
	}

	private static void isolated(Hung hung, Healthy healthy, SupervisionTree tree) {
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> hung.started.size() == HUNG);
			int before = healthy.runs.get();
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> healthy.runs.get() >= before + 24);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			// 24 runs at 100 ms (plus the run itself) is 80% of the cadence over 3 s
			assertThat(took).as("24 runs of the healthy worker").isLessThanOrEqualTo(Duration.ofSeconds(3));
			WorkerSnapshot one = tree.worker("hung-1").orElseThrow();
			assertThat(one.runInProgress()).isTrue();
			assertThat(one.runningFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(one.state()).isEqualTo(WorkerSnapshot.State.RUNNING);
		}
		finally {
			hung.release.countDown();
		}
	}

	static class Hung {

		final Set<String> started = ConcurrentHashMap.newKeySet();

		final CountDownLatch release = new CountDownLatch(1);

		@SupervisedWorker(name = "hung-1", interval = "100ms", initialDelay = "0ms")
		public void one() throws InterruptedException {
			hang("1");
		}

		@SupervisedWorker(name = "hung-2", interval = "100ms", initialDelay = "0ms")
		public void two() throws InterruptedException {
			hang("2");
		}

		@SupervisedWorker(name = "hung-3", interval = "100ms", initialDelay = "0ms")
		public void three() throws InterruptedException {
			hang("3");
		}

		@SupervisedWorker(name = "hung-4", interval = "100ms", initialDelay = "0ms")
		public void four() throws InterruptedException {
			hang("4");
		}

		@SupervisedWorker(name = "hung-5", interval = "100ms", initialDelay = "0ms")
		public void five() throws InterruptedException {
			hang("5");
		}

		@SupervisedWorker(name = "hung-6", interval = "100ms", initialDelay = "0ms")
		public void six() throws InterruptedException {
			hang("6");
		}

		@SupervisedWorker(name = "hung-7", interval = "100ms", initialDelay = "0ms")
		public void seven() throws InterruptedException {
			hang("7");
		}

		@SupervisedWorker(name = "hung-8", interval = "100ms", initialDelay = "0ms")
		public void eight() throws InterruptedException {
			hang("8");
		}

		private void hang(String which) throws InterruptedException {
			this.started.add(which);
			this.release.await(); // a run that never returns, until the test lets it
		}

	}

	static class Healthy {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "healthy", interval = "100ms")
		public void run() {
			this.runs.incrementAndGet();
		}

	}

}
