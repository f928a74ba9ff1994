package dev.resilience.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.resilience.supervisor.Supervisor;
import dev.resilience.worker.SupervisedWorker;
import dev.resilience.runtime.Watchdog;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Per-run overhead: the same tiny job body ({@link RunCounter#run}) run back to back (fixed delay
 * of 1 ns) on one scheduler thread by each scheduler under test. The score is the time per run:
 * the scheduler's own cost plus a few nanoseconds of body.
 * <ul>
 * <li>{@code executor}: {@code ScheduledThreadPoolExecutor(1).scheduleWithFixedDelay} (the
 * baseline);</li>
 * <li>{@code spring-scheduled}: {@code @Scheduled(fixedDelay)} on a {@code ThreadPoolTaskScheduler}
 * of one thread, in a plain Spring context with {@code @EnableScheduling};</li>
 * <li>{@code supervised}: a {@code PeriodicWorker} under its own sub-supervisor under a root,
 * runs scheduled through {@code WorkerScheduler.of} the same kind of executor, no listener;</li>
 * <li>{@code boot-scheduled}: {@code @Scheduled} in a Spring Boot application with Actuator (Boot's
 * scheduler and task observations);</li>
 * <li>{@code boot-starter}: {@code @SupervisedWorker} in a Spring Boot application with the
 * starter and Actuator (its scheduler with one thread, meters, events, crash-loop alarms).</li>
 * </ul>
 * The same at a fixed rate of 1 ns (each run due as soon as the previous one ends, runs never
 * overlapping), same body, one scheduler thread:
 * <ul>
 * <li>{@code executor-fixed-rate}: {@code ScheduledThreadPoolExecutor(1).scheduleAtFixedRate} (the
 * baseline);</li>
 * <li>{@code spring-scheduled-fixed-rate}: {@code @Scheduled(fixedRate)} in a plain Spring context,
 * as {@code spring-scheduled} (a job class of its own, so no other {@code @Scheduled} method
 * shares the counter);</li>
 * <li>{@code supervised-fixed-rate}: a {@code PeriodicWorker} on {@code Schedule.fixedRate} under
 * the same tree as {@code supervised} (one one-shot task per run, each run scheduling the
 * next).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RunOverheadBenchmark {

	static final int RUNS = 10_000;

	static final String[] BOOT_ARGS = { "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
			"--logging.level.root=WARN", "--resilience.scheduler.pool-size=1",
			"--spring.task.scheduling.pool.size=1" };

	@Param({ "executor", "spring-scheduled", "supervised", "boot-scheduled", "boot-starter", "executor-fixed-rate",
			"spring-scheduled-fixed-rate", "supervised-fixed-rate" })
	public String variant;

	private final RunCounter counter = new RunCounter();

	private ScheduledThreadPoolExecutor executor;

	private Supervisor root;

	private AutoCloseable context;

	@Setup(Level.Trial)
	public void start() {
		switch (this.variant) {
			case "executor" -> {
				this.executor = new ScheduledThreadPoolExecutor(1);
				this.executor.scheduleWithFixedDelay(this.counter::run, 0, 1, TimeUnit.NANOSECONDS);
			}
			case "spring-scheduled" -> {
				AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
				spring.getBeanFactory().registerSingleton("runCounter", this.counter);
				spring.register(PlainScheduling.class);
				spring.refresh();
				this.context = spring;
			}
			case "supervised" -> {
				this.executor = new ScheduledThreadPoolExecutor(1);
				this.executor.setRemoveOnCancelPolicy(true);
				WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.executor),
						Watchdog.on(this.executor), WorkerListener.NONE, Clock.systemUTC()).withRunThreads(dev.resilience.runtime.RunThreads.platform(0));
				WorkerSpec spec = new WorkerSpec("bench", Duration.ofNanos(1), Duration.ZERO, null,
						Duration.ofSeconds(5), dev.resilience.supervisor.Restart.PERMANENT);
				WorkerJob job = this.counter::runOnce;
				this.root = Trees.root().child(Trees.isolated(spec, () -> job, runtime)).build();
				this.root.start();
			}
			case "executor-fixed-rate" -> {
				this.executor = new ScheduledThreadPoolExecutor(1);
				this.executor.scheduleAtFixedRate(this.counter::run, 0, 1, TimeUnit.NANOSECONDS);
			}
			case "spring-scheduled-fixed-rate" -> {
				AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
				spring.getBeanFactory().registerSingleton("runCounter", this.counter);
				spring.register(PlainRateScheduling.class);
				spring.refresh();
				this.context = spring;
			}
			case "supervised-fixed-rate" -> {
				this.executor = new ScheduledThreadPoolExecutor(1);
				this.executor.setRemoveOnCancelPolicy(true);
				WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(this.executor),
						Watchdog.on(this.executor), WorkerListener.NONE, Clock.systemUTC()).withRunThreads(dev.resilience.runtime.RunThreads.platform(0));
				WorkerSpec spec = new WorkerSpec("bench", Schedule.fixedRate(Duration.ofNanos(1)), Duration.ZERO,
						null, Duration.ofSeconds(5), dev.resilience.supervisor.Restart.PERMANENT);
				WorkerJob job = this.counter::runOnce;
				this.root = Trees.root().child(Trees.isolated(spec, () -> job, runtime)).build();
				this.root.start();
			}
			case "boot-scheduled" -> this.context = boot(BootScheduling.class, "--resilience.enabled=false");
			case "boot-starter" -> this.context = boot(BootStarter.class);
			default -> throw new IllegalArgumentException(this.variant);
		}
		this.counter.await(1);
	}

	private ConfigurableApplicationContext boot(Class<?> app, String... more) {
		SpringApplication application = new SpringApplication(app);
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("runCounter", this.counter));
		String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(BOOT_ARGS), java.util.Arrays.stream(more))
			.toArray(String[]::new);
		return application.run(args);
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		if (this.root != null) {
			this.root.stop();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	/** Waits for {@value #RUNS} runs: the score is the time per run. */
	@Benchmark
	@OperationsPerInvocation(RUNS)
	public void run() {
		this.counter.await(RUNS);
	}

	/** @Scheduled as a plain Spring application runs it. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@Import(ScheduledJob.class)
	static class PlainScheduling {

		@Bean
		ThreadPoolTaskScheduler taskScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setPoolSize(1);
			return scheduler;
		}

	}

	/** @Scheduled(fixedRate) as a plain Spring application runs it. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@Import(ScheduledRateJob.class)
	static class PlainRateScheduling {

		@Bean
		ThreadPoolTaskScheduler taskScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setPoolSize(1);
			return scheduler;
		}

	}

	/** @Scheduled as a Spring Boot application with Actuator runs it. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	@Import(ScheduledJob.class)
	static class BootScheduling {

	}

	/** @SupervisedWorker as a Spring Boot application with the starter runs it. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SupervisedJob.class)
	static class BootStarter {

	}

	/** The job under {@code @Scheduled}. */
	static class ScheduledJob {

		private final RunCounter counter;

		ScheduledJob(RunCounter counter) {
			this.counter = counter;
		}

		@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.NANOSECONDS)
		public void tick() {
			this.counter.run();
		}

	}

	/** The job under {@code @Scheduled(fixedRate)}: its only scheduled method. */
	static class ScheduledRateJob {

		private final RunCounter counter;

		ScheduledRateJob(RunCounter counter) {
			this.counter = counter;
		}

		@Scheduled(fixedRate = 1, timeUnit = TimeUnit.NANOSECONDS)
		public void tick() {
			this.counter.run();
		}

	}

	/** The job under {@code @SupervisedWorker}. */
	static class SupervisedJob {

		private final RunCounter counter;

		SupervisedJob(RunCounter counter) {
			this.counter = counter;
		}

		@SupervisedWorker(name = "bench", interval = "1ns", initialDelay = "0s")
		public void tick() {
			this.counter.run();
		}

	}

}
