package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.settings.ResilienceFailureAnalyzer;
import dev.resilience.event.WorkerRestartedEvent;
import dev.resilience.testsupport.Http;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.Schedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with only {@code @Scheduled} methods and {@code @EnableScheduling}: with
 * {@code resilience.scheduled.supervise=true} each method runs once per tick as a supervised
 * worker, never also on Spring's scheduler; without it Spring runs them as before.
 */
class ScheduledSupervisionTests {

	private static final String SUPERVISE = "resilience.scheduled.supervise=true";

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void fixedDelayMethodRunsOncePerTickOnResilienceThreadsOnly() {
		this.context = run(Ticker.class, SUPERVISE);
		Ticker ticker = this.context.getBean(Ticker.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> !ticker.threads.isEmpty());
		int before = ticker.threads.size();
		long start = System.nanoTime();
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
		double seconds = (System.nanoTime() - start) / 1e9;
		double runsPerSecond = (ticker.threads.size() - before) / seconds;
		assertThat(runsPerSecond).as("about 10 runs a second of a 100ms fixed delay, not 20").isBetween(6.0, 12.0);
		assertThat(ticker.threads).allMatch((thread) -> thread.startsWith("resilience-"))
			.noneMatch((thread) -> thread.startsWith("scheduling-"));
		assertThat(tree().worker("ticker.tick").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedDelay(Duration.ofMillis(100)));
		assertThat(this.context.getBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
			.isInstanceOf(SupervisingScheduledAnnotationBeanPostProcessor.class)
			.isInstanceOf(ScheduledAnnotationBeanPostProcessor.class);
	}

	@Test
	void initialDelayOfAConvertedFixedDelayMethodIsZeroAsInSpring() {
		this.context = run(Hourly.class, SUPERVISE);
		Hourly hourly = this.context.getBean(Hourly.class);
		await().atMost(Duration.ofSeconds(3)).until(() -> hourly.runs.get() == 1);
	}

	@Test
	void throwingMethodIsRestartedAndRaisesItsCrashingAlarm() {
		this.context = run(Crasher.class, SUPERVISE);
		Restarts restarts = this.context.getBean(Restarts.class);
		Alarms alarms = this.context.getBean(Alarms.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> alarms.isSet("crasher.fail_crashing"));
		await().atMost(Duration.ofSeconds(5)).until(() -> restarts.workers.contains("crasher.fail"));
		assertThat(tree().worker("crasher.fail").orElseThrow().supervisor().intensity().maxRestarts())
			.as("ceil(5s / 50ms) + 1").isEqualTo(101);
	}

	@Test
	void everyKindOfScheduleIsConvertedAsSpringReadsIt() {
		this.context = run(Jobs.class, SUPERVISE, "job.delay=5000");
		SupervisionTree tree = tree();
		assertThat(tree.workerNames()).containsExactlyInAnyOrder("jobs.rated", "jobs.cron", "jobs.delayed",
				"jobs.placeholder", "jobs.seconds", "jobs.iso", "jobs.twice", "jobs.twice#2");
		assertThat(tree.worker("jobs.rated").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedRate(Duration.ofMillis(200)));
		Schedule.Cron cron = (Schedule.Cron) tree.worker("jobs.cron").orElseThrow().schedule();
		assertThat(cron.expression()).isEqualTo("* * * * * *");
		assertThat(cron.zone()).isEqualTo("UTC");
		assertThat(tree.worker("jobs.placeholder").orElseThrow().schedule())
			.as("5000 of the default timeUnit, milliseconds")
			.isEqualTo(Schedule.fixedDelay(Duration.ofSeconds(5)));
		assertThat(tree.worker("jobs.seconds").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedDelay(Duration.ofSeconds(2)));
		assertThat(tree.worker("jobs.iso").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedDelay(Duration.ofSeconds(5)));
		assertThat(tree.worker("jobs.twice").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedDelay(Duration.ofHours(1)));
		assertThat(tree.worker("jobs.twice#2").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedRate(Duration.ofHours(2)));
		assertThat(tree.worker("jobs.delayed").orElseThrow().nextRun())
			.as("initialDelay = 1h: the first run is an hour away")
			.isAfter(java.time.Instant.now().plus(Duration.ofMinutes(59)));
		// no next run is known while a run is in flight: read one between runs
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tree.worker("jobs.rated").orElseThrow()
			.nextRun()).isNotNull().isBefore(java.time.Instant.now().plus(Duration.ofMinutes(1))));
	}

	@Test
	void convertedWorkerCanBeOverriddenLikeAnyWorker() {
		this.context = run(Jobs.class, SUPERVISE, "job.delay=5000",
				"resilience.workers.[jobs.placeholder].interval=3s", "resilience.workers.[jobs.iso].enabled=false",
				"resilience.workers.[jobs.seconds].cron=0 0 * * * *");
		assertThat(tree().worker("jobs.placeholder").orElseThrow().schedule())
			.isEqualTo(Schedule.fixedDelay(Duration.ofSeconds(3)));
		assertThat(tree().worker("jobs.seconds").orElseThrow().schedule())
			.as("Spring's initial delay of 0 gives way to a cron override")
			.isInstanceOf(Schedule.Cron.class);
		assertThat(tree().workerNames()).doesNotContain("jobs.iso");
	}

	@Test
	void withoutThePropertySpringRunsTheMethodsAndTheTreeHasNoSuchWorker() {
		this.context = run(Ticker.class);
		Ticker ticker = this.context.getBean(Ticker.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> ticker.threads.size() >= 3);
		assertThat(ticker.threads).allMatch((thread) -> thread.startsWith("scheduling-"));
		assertThat(tree().workerNames()).isEmpty();
		assertThat(this.context.getBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
			.isExactlyInstanceOf(ScheduledAnnotationBeanPostProcessor.class);
	}

	@Test
	void supervisorsEndpointListsConvertedMethods() {
		this.context = new SpringApplicationBuilder(App.class, Ticker.class, Crasher.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=supervisors", SUPERVISE)
			.run();
		Http http = new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
		Http.Response response = http.get("/actuator/supervisors");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"ticker.tick\"").contains("\"crasher.fail\"");
	}

	@Test
	void unreadableDurationFailsStartUpNamingTheScheduledAttribute() {
		Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> run(Jobs.class, SUPERVISE,
				"job.delay=soon"));
		FailureAnalysis analysis = new ResilienceFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains("@Scheduled(fixedDelayString) on Jobs.placeholder")
			.contains("soon");
	}

	private SupervisionTree tree() {
		return this.context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
	}

	private static ConfigurableApplicationContext run(Class<?> jobs, String... properties) {
		return new SpringApplicationBuilder(App.class, jobs)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"resilience.checks.datasource.enabled=false")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class App {

		@org.springframework.context.annotation.Bean
		Restarts restarts() {
			return new Restarts();
		}

	}

	static class Restarts {

		final List<String> workers = new CopyOnWriteArrayList<>();

		@EventListener
		void on(WorkerRestartedEvent event) {
			this.workers.add(event.worker());
		}

	}

	@Component("ticker")
	static class Ticker {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Scheduled(fixedDelay = 100)
		void tick() {
			this.threads.add(Thread.currentThread().getName());
		}

	}

	@Component("hourly")
	static class Hourly {

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS)
		void run() {
			this.runs.incrementAndGet();
		}

	}

	@Component("crasher")
	static class Crasher {

		@Scheduled(fixedDelay = 50)
		void fail() {
			throw new IllegalStateException("Invalid payment for job 42");
		}

	}

	@Component("jobs")
	static class Jobs {

		@Scheduled(fixedRate = 200)
		void rated() {
		}

		@Scheduled(cron = "* * * * * *", zone = "UTC")
		void cron() {
		}

		@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
		void delayed() {
		}

		@Scheduled(fixedDelayString = "${job.delay}")
		void placeholder() {
		}

		@Scheduled(fixedDelay = 2, timeUnit = TimeUnit.SECONDS)
		void seconds() {
		}

		@Scheduled(fixedDelayString = "PT5S", initialDelayString = "1h")
		void iso() {
		}

		@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
		@Scheduled(fixedRate = 2, initialDelay = 1, timeUnit = TimeUnit.HOURS)
		void twice() {
		}

	}

}
