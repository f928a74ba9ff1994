package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.event.SupervisionExhaustedEvent;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole applications (Spring Boot with Actuator, no web server) running supervised workers: the
 * seed's payment scenario, the root giving up, thread hygiene and shutdown.
 */
class SupervisedWorkersApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void workerFailingEveryRunIsRestartedForeverWhileItsSiblingKeepsItsCadence() {
		this.context = run(PaymentScenario.class);
		PaymentScenario scenario = this.context.getBean(PaymentScenario.class);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> scenario.paymentRuns.get() >= 100 && scenario.heartbeats.size() >= 101);
		List<Long> beats = List.copyOf(scenario.heartbeats).subList(0, 101);
		long maxGapMillis = 0;
		for (int i = 1; i < beats.size(); i++) {
			long gapMillis = TimeUnit.NANOSECONDS.toMillis(beats.get(i) - beats.get(i - 1));
			assertThat(gapMillis).as("gap before heartbeat %d", i).isLessThanOrEqualTo(100 + 100);
			maxGapMillis = Math.max(maxGapMillis, gapMillis);
		}
		System.out.printf("Seed scenario: %d runs of the failing worker; sibling's longest gap over 100 runs %d ms%n",
				scenario.paymentRuns.get(), maxGapMillis);
		assertThat(liveness()).isEqualTo(Status.UP);
		assertThat(scenario.livenessChanges).doesNotContain(LivenessState.BROKEN);
		assertThat(this.context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().worker("payments").orElseThrow().consecutiveFailures())
			.isGreaterThanOrEqualTo(100);
	}

	@Test
	void withNoRestartsAllowedTheRootGivesUpAndLivenessGoesDown() {
		this.context = run(PaymentScenario.class, "--resilience.workers.payments.max-restarts=0");
		PaymentScenario scenario = this.context.getBean(PaymentScenario.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> liveness().equals(Status.DOWN));
		assertThat(scenario.livenessChanges).contains(LivenessState.BROKEN);
		assertThat(scenario.exhausted).hasSize(1);
		// every worker is stopped once the root gave up
		int beats = scenario.heartbeats.size();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
			.until(() -> scenario.heartbeats.size() == beats);
	}

	@Test
	void onExhaustedShutdownClosesTheContextAndExitsWithStatusOne() {
		this.context = run(PaymentScenario.class, "--resilience.workers.payments.max-restarts=0",
				"--resilience.supervisor.on-exhausted=shutdown", "--resilience.workers.payments.initial-delay=1h");
		java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger(-1);
		OnExhaustedPolicy policy = this.context.getBean(OnExhaustedPolicy.class);
		policy.setExit(exitCode::set);
		this.context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().restartWorker("payments"); // runs again one interval after a restart, then crashes
		await().atMost(Duration.ofSeconds(10)).until(() -> exitCode.get() == 1);
		assertThat(this.context.isActive()).isFalse();
	}

	@Test
	void onExhaustedLogKeepsTheApplicationAndLivenessUp() {
		this.context = run(PaymentScenario.class, "--resilience.workers.payments.max-restarts=0",
				"--resilience.supervisor.on-exhausted=log");
		PaymentScenario scenario = this.context.getBean(PaymentScenario.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> scenario.exhausted.size() == 1);
		assertThat(liveness()).isEqualTo(Status.UP);
		assertThat(this.context.isActive()).isTrue();
	}

	@Test
	void thousandCrashAndRestartCyclesLeakNoThread() {
		this.context = run(FastCrasher.class);
		FastCrasher crasher = this.context.getBean(FastCrasher.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> crasher.runs.get() >= 100);
		int threadsAtStart = liveThreads();
		java.util.Set<String> namesAtStart = threadNames();
		int runsAtStart = crasher.runs.get();
		await().atMost(Duration.ofSeconds(60)).until(() -> crasher.runs.get() >= runsAtStart + 1000);
		int threadsAfter = liveThreads();
		System.out.printf("Thread leak: %d live threads after warm-up, %d after %d more crash-and-restart cycles%n",
				threadsAtStart, threadsAfter, crasher.runs.get() - runsAtStart);
		java.util.Set<String> added = threadNames();
		added.removeAll(namesAtStart);
		assertThat(threadsAfter).as("live threads; new ones: %s", added).isLessThanOrEqualTo(threadsAtStart + 2);
	}

	@Test
	void runInProgressAtCloseFinishesWithinTheShutdownTimeout() throws Exception {
		this.context = run(SlowWorker.class, "--resilience.workers.slow.shutdown-timeout=5s");
		SlowWorker worker = this.context.getBean(SlowWorker.class);
		assertThat(worker.started.await(10, TimeUnit.SECONDS)).isTrue();
		this.context.close();
		assertThat(worker.finished).isTrue();
		assertThat(worker.interrupted).isFalse();
	}

	@Test
	void runLongerThanTheShutdownTimeoutIsInterruptedAtClose() throws Exception {
		this.context = run(HungWorker.class, "--resilience.workers.hung.shutdown-timeout=200ms");
		HungWorker worker = this.context.getBean(HungWorker.class);
		assertThat(worker.started.await(10, TimeUnit.SECONDS)).isTrue();
		long start = System.nanoTime();
		this.context.close();
		assertThat(worker.interrupted).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void runLongerThanItsTimeoutIsInterruptedAndCountsAsACrash() {
		this.context = run(HungWorker.class, "--resilience.workers.hung.timeout=200ms");
		HungWorker worker = this.context.getBean(HungWorker.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> worker.interrupted);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().worker("hung").orElseThrow()
				.lastFailure()).isNotNull()
				.satisfies((failure) -> assertThat(failure.type()).endsWith("RunTimeoutException")));
	}

	/**
	 * Live threads, less the JDK's shared pools that other tests in this JVM start and stop on
	 * their own schedule (the HTTP client's workers, the common fork-join pool).
	 */
	private static int liveThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> !thread.getName().startsWith("HttpClient-")
					&& !thread.getName().startsWith("ForkJoinPool"))
			.count();
	}

	private static java.util.Set<String> threadNames() {
		java.util.Set<String> names = new java.util.TreeSet<>();
		Thread.getAllStackTraces().keySet().forEach((thread) -> names.add(thread.getName()));
		return names;
	}

	private ConfigurableApplicationContext run(Class<?> configuration, String... args) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.properties("management.endpoint.health.probes.enabled=true", "spring.main.banner-mode=off")
			.run(args);
	}

	private Status liveness() {
		return this.context.getBean(HealthEndpoint.class).healthForPath("liveness").getStatus();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PaymentScenario {

		final AtomicInteger paymentRuns = new AtomicInteger();

		final List<Long> heartbeats = new CopyOnWriteArrayList<>();

		final List<LivenessState> livenessChanges = new CopyOnWriteArrayList<>();

		final List<SupervisionExhaustedEvent> exhausted = new CopyOnWriteArrayList<>();

		@Bean
		Object payments() {
			return new Object() {

				@SupervisedWorker(name = "payments", interval = "100ms")
				public void pay() {
					PaymentScenario.this.paymentRuns.incrementAndGet();
					throw new IllegalStateException("Invalid payment for job 42");
				}

			};
		}

		@Bean
		Object heartbeat() {
			return new Object() {

				@SupervisedWorker(name = "heartbeat", interval = "100ms")
				public void beat() {
					PaymentScenario.this.heartbeats.add(System.nanoTime());
				}

			};
		}

		@EventListener
		void on(AvailabilityChangeEvent<LivenessState> event) {
			this.livenessChanges.add(event.getState());
		}

		@EventListener
		void on(SupervisionExhaustedEvent event) {
			this.exhausted.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class FastCrasher {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "crasher", interval = "1ms")
		public void crash() {
			this.runs.incrementAndGet();
			throw new IllegalStateException("crash " + this.runs.get());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SlowWorker {

		final CountDownLatch started = new CountDownLatch(1);

		volatile boolean finished;

		volatile boolean interrupted;

		@SupervisedWorker(name = "slow", interval = "10ms")
		public void work() {
			this.started.countDown();
			try {
				// the work itself: half a second of it
				new CountDownLatch(1).await(500, TimeUnit.MILLISECONDS);
				this.finished = true;
			}
			catch (InterruptedException ex) {
				this.interrupted = true;
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HungWorker {

		final CountDownLatch started = new CountDownLatch(1);

		final AtomicBoolean hang = new AtomicBoolean(true);

		volatile boolean interrupted;

		@SupervisedWorker(name = "hung", interval = "10ms")
		public void work() throws InterruptedException {
			this.started.countDown();
			try {
				new CountDownLatch(1).await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				this.interrupted = true;
				throw ex;
			}
		}

	}

}
