package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.StartupFailures;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Cron and fixed-rate workers in an application: restarts, derived limits, pace, overlap, and bad
 * values.
 */
class SchedulesApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void cronWorkerThatCrashesOnEveryRunIsRestartedAtItsNextFireTimeForever() {
		this.context = run(CronCrasher.class);
		CronCrasher crasher = this.context.getBean(CronCrasher.class);
		await().atMost(Duration.ofSeconds(15)).until(() -> crasher.starts.size() >= 5);
		WorkerSnapshot worker = tree().worker("crasher").orElseThrow();
		assertThat(worker.schedule()).isInstanceOf(Schedule.Cron.class);
		assertThat(worker.supervisor().intensity().maxRestarts()).as("ceil(5s / 1s) + 1").isEqualTo(6);
		assertThat(worker.consecutiveFailures()).isGreaterThanOrEqualTo(4);
		assertThat(tree().state()).isEqualTo(dev.resilience.supervisor.Supervisor.State.RUNNING);
		assertThat(this.context.getBean(ApplicationAvailability.class).getLivenessState())
			.isEqualTo(LivenessState.CORRECT);
		List<Long> starts = List.copyOf(crasher.starts);
		for (int i = 1; i < starts.size(); i++) {
			assertThat(Duration.ofNanos(starts.get(i) - starts.get(i - 1)))
				.as("a restart waits for the next fire time, not a moment")
				.isGreaterThan(Duration.ofMillis(500));
		}
	}

	@Test
	void fixedRateWorkerWhoseBodyTakesHalfTheRateRunsAboutFiveTimesASecond() {
		this.context = run(FixedRateWorker.class);
		FixedRateWorker worker = this.context.getBean(FixedRateWorker.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> worker.starts.size() >= 1);
		long first = worker.starts.get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> worker.starts.size() >= 11);
		Duration tenRuns = Duration.ofNanos(worker.starts.get(10) - first);
		assertThat(tenRuns).as("10 rates of 200ms, not 10 x (200ms + 100ms)")
			.isBetween(Duration.ofMillis(1800), Duration.ofMillis(2600));
		assertThat(worker.mostAtOnce.get()).isEqualTo(1);
	}

	@Test
	void fixedRateRunLongerThanTheRateIsNeverOverlappedAndTheNextStartsLate() {
		this.context = run(OverrunningWorker.class);
		OverrunningWorker worker = this.context.getBean(OverrunningWorker.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> worker.starts.size() >= 5);
		assertThat(worker.mostAtOnce.get()).isEqualTo(1);
		for (int i = 1; i < 5; i++) {
			long gap = worker.starts.get(i) - worker.starts.get(i - 1);
			assertThat(Duration.ofNanos(gap)).as("each run starts late, right after the 300ms run before it")
				.isBetween(Duration.ofMillis(290), Duration.ofMillis(600));
		}
	}

	@Test
	void scheduleInPropertiesReplacesTheAnnotationsSchedule() {
		this.context = run(HourlyWorker.class, "--resilience.workers.hourly.fixed-rate=50ms");
		HourlyWorker worker = this.context.getBean(HourlyWorker.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> worker.runs.get() >= 3);
		assertThat(tree().worker("hourly").orElseThrow().schedule()).isEqualTo(Schedule.fixedRate(Duration.ofMillis(50)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			bad cron          | --resilience.workers.hourly.cron=0 0 25 * * *         | resilience.workers.hourly.cron      | 0 0 25 * * *
			bad zone          | --resilience.workers.hourly.zone=Mars/Olympus         | resilience.workers.hourly.zone      | Mars/Olympus
			two schedules     | --resilience.workers.hourly.fixed-rate=1s             | resilience.workers.hourly.fixed-rate | resilience.workers.hourly.interval
			zone without cron | --resilience.workers.hourly.zone=UTC                  | resilience.workers.hourly.zone      | UTC
			""")
	void badScheduleValuesFailStartUpNamingWorkerPropertyAndValue(String name, String argument, String property,
			String value) {
		String[] arguments = name.equals("two schedules")
				? new String[] { argument, "--resilience.workers.hourly.interval=1s" }
				: name.equals("bad zone") ? new String[] { argument, "--resilience.workers.hourly.cron=0 0 * * * *" }
						: new String[] { argument };
		FailureAnalysis analysis = failure(HourlyWorker.class, arguments);
		assertThat(analysis.getDescription()).contains(property).contains(value);
		assertThat(analysis.getDescription() + analysis.getAction()).contains("hourly");
		if (name.equals("two schedules")) {
			assertThat(analysis.getDescription()).contains("mutually exclusive")
				.contains("resilience.workers.hourly.cron");
		}
		else {
			assertThat(analysis.getDescription()).contains("Invalid value '" + value + "' for configuration property '"
					+ property + "'").contains("allowed is ");
		}
	}

	@Test
	void twoSchedulesInTheAnnotationFailStartUp() {
		FailureAnalysis analysis = failure(TwoSchedulesWorker.class);
		assertThat(analysis.getDescription()).contains("@SupervisedWorker(interval, cron) on TwoSchedulesWorker.run");
		assertThat(analysis.getAction()).contains("exactly one of interval, fixedRate and cron for worker 'twice'");
	}

	@Test
	void cronWithAnInitialDelayFailsStartUp() {
		FailureAnalysis analysis = failure(CronCrasher.class, "--resilience.workers.crasher.initial-delay=1s");
		assertThat(analysis.getDescription()).contains("resilience.workers.crasher.initial-delay")
			.contains("no initial delay with a cron schedule");
	}

	private SupervisionTree tree() {
		return this.context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
	}

	private static ConfigurableApplicationContext run(Class<?> worker, String... args) {
		return new SpringApplicationBuilder(App.class, worker)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off")
			.run(args);
	}

	private static FailureAnalysis failure(Class<?> worker, String... args) {
		Throwable failure = null;
		StartupFailures failures = new StartupFailures();
		try {
			SpringApplication application = new SpringApplicationBuilder(App.class, worker)
				.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off")
				.initializers(failures)
				.build();
			application.run(args).close();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		assertThat(failure).as("start-up failure").isNotNull();
		return failures.analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

	static class CronCrasher {

		final List<Long> starts = new CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "crasher", cron = "* * * * * *", zone = "UTC")
		public void run() {
			this.starts.add(System.nanoTime());
			throw new IllegalStateException("Invalid payment for job 42");
		}

	}

	static class FixedRateWorker {

		final List<Long> starts = new CopyOnWriteArrayList<>();

		final AtomicInteger atOnce = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		@SupervisedWorker(name = "rated", fixedRate = "200ms", initialDelay = "0s")
		public void run() throws InterruptedException {
			this.mostAtOnce.accumulateAndGet(this.atOnce.incrementAndGet(), Math::max);
			this.starts.add(System.nanoTime());
			busy(100);
			this.atOnce.decrementAndGet();
		}

	}

	static class OverrunningWorker {

		final List<Long> starts = new CopyOnWriteArrayList<>();

		final AtomicInteger atOnce = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		@SupervisedWorker(name = "overrunning", fixedRate = "200ms", initialDelay = "0s")
		public void run() throws InterruptedException {
			this.mostAtOnce.accumulateAndGet(this.atOnce.incrementAndGet(), Math::max);
			this.starts.add(System.nanoTime());
			busy(300);
			this.atOnce.decrementAndGet();
		}

	}

	static class HourlyWorker {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "hourly", interval = "1h")
		public void run() {
			this.runs.incrementAndGet();
		}

	}

	static class TwoSchedulesWorker {

		@SupervisedWorker(name = "twice", interval = "1s", cron = "* * * * * *")
		public void run() {
		}

	}

	/** The job's own work: waits on a monitor, as a blocking call would, for the given time. */
	private static void busy(long millis) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
		long left;
		while ((left = end - System.nanoTime()) > 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

}
