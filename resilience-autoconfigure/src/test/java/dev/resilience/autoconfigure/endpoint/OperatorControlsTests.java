package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.testsupport.Http;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pause, resume and trigger over HTTP, as an operator uses them during an incident.
 */
class OperatorControlsTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void pauseStopsNewRunsWithoutACrashOrAlarmAndResumeRunsAgain() {
		Http http = start();
		App app = this.context.getBean(App.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> app.ticks.get() >= 2);
		Http.Response paused = http.post("/actuator/supervisors/ticker", "{\"action\":\"pause\"}");
		assertThat(paused.status()).isEqualTo(200);
		assertThat(ticker(http)).containsEntry("state", "PAUSED");
		int runsWhenPaused = app.ticks.get();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
			.until(() -> app.ticks.get() <= runsWhenPaused + 1);
		assertThat(ticker(http)).containsEntry("state", "PAUSED").containsEntry("consecutiveFailures", 0);
		assertThat(this.context.getBean(Alarms.class).active()).isEmpty();
		assertThat(http.post("/actuator/supervisors/ticker", "{\"action\":\"resume\"}").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> app.ticks.get() >= runsWhenPaused + 3);
		assertThat(ticker(http)).containsEntry("state", "RUNNING");
	}

	@Test
	void triggerRunsOnceNowAndAnswers409WhileARunIsInProgress() throws InterruptedException {
		Http http = start();
		App app = this.context.getBean(App.class);
		assertThat(app.slowRuns.get()).isZero(); // its interval is an hour
		assertThat(http.post("/actuator/supervisors/slow", "{\"action\":\"trigger\"}").status()).isEqualTo(200);
		assertThat(app.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
		Http.Response busy = http.post("/actuator/supervisors/slow", "{\"action\":\"trigger\"}");
		assertThat(busy.status()).isEqualTo(409);
		assertThat(busy.body()).contains("'slow' is running a run");
		app.releaseSlow.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> app.slowRuns.get() == 1);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> app.slowRuns.get() == 1);
		assertThat(app.maxConcurrentSlowRuns.get()).isEqualTo(1);
	}

	@Test
	void triggerOfAPausedWorkerIsAConflict() {
		Http http = start();
		assertThat(http.post("/actuator/supervisors/slow", "{\"action\":\"pause\"}").status()).isEqualTo(200);
		Http.Response paused = http.post("/actuator/supervisors/slow", "{\"action\":\"trigger\"}");
		assertThat(paused.status()).isEqualTo(409);
		assertThat(paused.body()).contains("paused");
	}

	@Test
	void writeOperationsStayOffByDefault() {
		Http http = start("--management.endpoint.supervisors.access=read-only");
		assertThat(http.post("/actuator/supervisors/ticker", "{\"action\":\"pause\"}").status()).isIn(404, 405);
	}

	private static Map<String, Object> ticker(Http http) {
		return http.supervisedWorker("ticker");
	}

	private Http start(String... args) {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,supervisors",
					"management.endpoint.supervisors.access=unrestricted",
					"management.endpoint.supervisors.trigger-min-gap=0s")
			.run(args);
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final AtomicInteger ticks = new AtomicInteger();

		final AtomicInteger slowRuns = new AtomicInteger();

		final AtomicInteger concurrentSlowRuns = new AtomicInteger();

		final AtomicInteger maxConcurrentSlowRuns = new AtomicInteger();

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch releaseSlow = new CountDownLatch(1);

		@SupervisedWorker(name = "ticker", interval = "50ms")
		public void tick() {
			this.ticks.incrementAndGet();
		}

		@SupervisedWorker(name = "slow", interval = "1h")
		public void slow() throws InterruptedException {
			this.maxConcurrentSlowRuns.accumulateAndGet(this.concurrentSlowRuns.incrementAndGet(), Math::max);
			this.slowStarted.countDown();
			this.releaseSlow.await(10, TimeUnit.SECONDS);
			this.concurrentSlowRuns.decrementAndGet();
			this.slowRuns.incrementAndGet();
		}

	}

}
