package dev.resilience.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.metrics.RunObservationMeterHandler;
import dev.resilience.metrics.WorkerObservations;
import dev.resilience.worker.RunObserver;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.RunTimeoutException;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each run of a worker as an observation {@value WorkerObservations#RUN}, current on the run
 * thread while the job runs; no observer without a registry that handles observations.
 */
class WorkerObservationsTests {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceObservationAutoConfiguration.class));

	@Test
	void successfulRunIsOneObservationCurrentWhileTheJobRuns() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(SucceedingWorker.class, registry)
			.run((context) -> {
				assertThat(context.getBean(RunObserver.class)).isInstanceOf(WorkerObservations.class);
				await().atMost(AT_MOST).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasBeenStopped());
				TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasNameEqualTo("resilience.worker.run")
					.hasLowCardinalityKeyValue("worker", "payments")
					.hasLowCardinalityKeyValue("outcome", "success")
					.doesNotHaveError();
				Observation current = context.getBean(SucceedingWorker.class).current.get();
				assertThat(current).isNotNull();
				assertThat(current.getContext().getName()).isEqualTo("resilience.worker.run");
				assertThat(current.getContext().getLowCardinalityKeyValue("worker").getValue()).isEqualTo("payments");
			});
	}

	@Test
	void failedRunIsOneObservationWithItsError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(FailingWorker.class)
			.run((context) -> {
				await().atMost(AT_MOST).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasBeenStopped());
				TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasNameEqualTo("resilience.worker.run")
					.hasLowCardinalityKeyValue("worker", "failing")
					.hasLowCardinalityKeyValue("outcome", "failure")
					.assertThatError()
					.isInstanceOf(IllegalStateException.class)
					.hasMessage("payment rejected");
			});
	}

	@Test
	void runPastItsTimeoutIsObservedAsATimeout() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(HungWorker.class)
			.withPropertyValues("resilience.workers.hung.timeout=100ms")
			.run((context) -> {
				await().atMost(AT_MOST).untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasBeenStopped());
				TestObservationRegistryAssert.assertThat(registry)
					.hasSingleObservationThat()
					.hasLowCardinalityKeyValue("worker", "hung")
					.hasLowCardinalityKeyValue("outcome", "timeout")
					.assertThatError()
					.isInstanceOf(RunTimeoutException.class);
			});
	}

	@Test
	void noopRegistryMakesRunsSkipObserving() {
		this.runner.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP).run((context) -> {
			assertThat(context.getBean(RunObserver.class)).isSameAs(RunObserver.NONE);
		});
	}

	@Test
	void withoutObservationsThereIsNoObserver() {
		this.runner.withBean(FailingWorker.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RunObserver.class);
		});
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.withBean(FailingWorker.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RunObserver.class));
	}

	@Test
	void userObserverReplacesTheAutoConfiguredOne() {
		AtomicInteger ended = new AtomicInteger();
		RunObserver mine = new RunObserver() {

			@Override
			public Object runStarting(String worker) {
				return worker;
			}

			@Override
			public void runEnded(Object token, RunOutcome outcome, Throwable failure) {
				ended.incrementAndGet();
			}

		};
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(RunObserver.class, () -> mine)
			.withBean(FailingWorker.class)
			.run((context) -> {
				assertThat(context.getBean(RunObserver.class)).isSameAs(mine);
				await().atMost(AT_MOST).until(() -> ended.get() == 1);
				TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
			});
	}

	@Test
	void inABootApplicationWithActuatorEachRunIsObservedAndTimedOnceByTheStarter() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off")) {
			assertThat(context.getBean(RunObserver.class)).isInstanceOf(WorkerObservations.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(AT_MOST)
				.until(() -> meters.find("resilience.worker.runs").tag("worker", "failing").tag("outcome", "failure")
					.tag("error", "IllegalStateException").timer() != null);
			// the observation's own timer and long-task timer would count the same runs again
			assertThat(meters.find("resilience.worker.run").meters()).isEmpty();
			assertThat(meters.find("resilience.worker.run.active").meters()).isEmpty();
		}
	}

	@Test
	void inABootApplicationWithActuatorNoRunLooksUpAMeterForItsObservationAndTracingHandlersStillSeeEachRun() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApplication.class,
				LookupCounting.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off")) {
			LookupCounting counting = context.getBean(LookupCounting.class);
			await().atMost(AT_MOST).until(() -> counting.observed.get() >= 1);
			// Actuator's meter handler would look up resilience.worker.run and its .active on every run
			assertThat(counting.lookups.get()).isZero();
		}
	}

	@Test
	void aBeanNamedLikeTheFilterBringsTheObservationMetersBack() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApplication.class)
			.initializers((app) -> app.getBeanFactory()
				.registerSingleton(ResilienceMetricsAutoConfiguration.OBSERVATION_METER_FILTER, MeterFilter.accept()))
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off")) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(AT_MOST)
				.until(() -> meters.find("resilience.worker.run").tag("worker", "failing").timer() != null);
			assertThat(context.getBeansOfType(RunObservationMeterHandler.class)).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(FailingWorker.class)
	static class BootApplication {

	}

	/** Counts meter lookups of the run observation's meters, and runs a tracing-like handler sees. */
	@Configuration(proxyBeanMethods = false)
	static class LookupCounting {

		final AtomicInteger lookups = new AtomicInteger();

		final AtomicInteger observed = new AtomicInteger();

		@Bean
		MeterFilter lookupCounter() {
			return new MeterFilter() {
				@Override
				public Meter.Id map(Meter.Id id) {
					if (id.getName().startsWith(WorkerObservations.RUN + ".") || id.getName().equals(WorkerObservations.RUN)) {
						LookupCounting.this.lookups.incrementAndGet();
					}
					return id;
				}
			};
		}

		@Bean
		ObservationHandler<Observation.Context> spanLike() {
			return new ObservationHandler<>() {
				@Override
				public void onStop(Observation.Context context) {
					if (WorkerObservations.RUN.equals(context.getName())) {
						LookupCounting.this.observed.incrementAndGet();
					}
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}
			};
		}

	}

	static class SucceedingWorker {

		final AtomicReference<Observation> current = new AtomicReference<>();

		private final ObservationRegistry registry;

		SucceedingWorker(ObservationRegistry registry) {
			this.registry = registry;
		}

		@SupervisedWorker(name = "payments", interval = "1h", initialDelay = "0s")
		public void pay() {
			this.current.set(this.registry.getCurrentObservation());
		}

	}

	static class FailingWorker {

		@SupervisedWorker(name = "failing", interval = "1h", initialDelay = "0s")
		public void pay() {
			throw new IllegalStateException("payment rejected");
		}

	}

	static class HungWorker {

		@SupervisedWorker(name = "hung", interval = "1h", initialDelay = "0s")
		public void pay() throws InterruptedException {
			new CountDownLatch(1).await(30, TimeUnit.SECONDS);
		}

	}

}
