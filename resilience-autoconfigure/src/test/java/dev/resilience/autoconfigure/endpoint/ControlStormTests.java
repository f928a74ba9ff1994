package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
 * A storm of operator controls over HTTP: eight clients send {@code pause}, {@code resume} and
 * {@code trigger} at random for 3 s to a fixed-delay, a fixed-rate and a cron worker (round 2's
 * code left some ten tick chains alive here: 319 runs in 3 s instead of 30), then {@code pause},
 * {@code resume}, {@code trigger} and {@code restart}. After each storm every worker runs at its
 * schedule's rate (within 20%); no two runs of one worker ever overlapped; after {@code stop} no
 * run starts.
 */
class ControlStormTests {

	private static final String[] WORKERS = { "storm-delay", "storm-rate", "storm-cron" };

	private static final String[] CONTROLS = { "pause", "resume", "trigger" };

	private static final String[] WITH_RESTARTS = { "pause", "resume", "trigger", "restart" };

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void eachWorkerKeepsOneScheduleAfterAStormOfControls() throws Exception {
		Http http = start();
		App app = this.context.getBean(App.class);
		storm(http, CONTROLS, 20261202L);
		assertRates(http, app, "after pause, resume and trigger");
		storm(http, WITH_RESTARTS, 20261203L);
		assertRates(http, app, "after pause, resume, trigger and restart");
		for (Runs runs : List.of(app.delay, app.rate, app.cron)) {
			assertThat(runs.overlaps).as("overlapping runs").hasValue(0);
		}
		for (String worker : WORKERS) {
			assertThat(http.post("/actuator/supervisors/" + worker, "{\"action\":\"stop\"}").status()).isLessThan(300);
		}
		int delay = app.delay.count.get();
		int rate = app.rate.count.get();
		int cron = app.cron.count.get();
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
			.until(() -> app.delay.count.get() == delay && app.rate.count.get() == rate && app.cron.count.get() == cron);
		Map<String, Object> stopped = http.supervisedWorker("storm-delay");
		assertThat(stopped.get("state")).isEqualTo("STOPPED");
	}

	private static void storm(Http http, String[] actions, long seed) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Random random = new Random(seed + i);
			clients.add(new Thread(() -> {
				while (System.nanoTime() < end) {
					String worker = WORKERS[random.nextInt(WORKERS.length)];
					String action = actions[random.nextInt(actions.length)];
					http.post("/actuator/supervisors/" + worker, "{\"action\":\"" + action + "\"}");
				}
			}, "storm-client-" + i));
		}
		clients.forEach(Thread::start);
		for (Thread client : clients) {
			client.join();
		}
		for (String worker : WORKERS) {
			assertThat(http.post("/actuator/supervisors/" + worker, "{\"action\":\"resume\"}").status()).isLessThan(300);
		}
	}

	private static void assertRates(Http http, App app, String when) {
		assertThat(runsOver(app.delay, Duration.ofSeconds(3))).as("fixed delay of 100 ms over 3 s " + when)
			.isBetween(24, 36);
		assertThat(runsOver(app.rate, Duration.ofSeconds(3))).as("fixed rate of 100 ms over 3 s " + when)
			.isBetween(24, 36);
		assertThat(runsOver(app.cron, Duration.ofSeconds(5))).as("cron every second over 5 s " + when).isBetween(4, 6);
	}

	private static int runsOver(Runs runs, Duration window) {
		int before = runs.count.get();
		await().pollDelay(window).atMost(window.plusSeconds(1)).until(() -> true);
		return runs.count.get() - before;
	}

	private Http start() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,supervisors",
					"management.endpoint.supervisors.access=unrestricted", "logging.level.dev.resilience=WARN",
					// every trigger reaches the worker: the storm tests the worker's state, not the endpoint's limit
					"management.endpoint.supervisors.trigger-min-gap=0s")
			.run();
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	/** Runs of one worker: how many, and how many started while another was in flight. */
	static final class Runs {

		final AtomicInteger count = new AtomicInteger();

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger overlaps = new AtomicInteger();

		void run() {
			if (this.inFlight.incrementAndGet() != 1) {
				this.overlaps.incrementAndGet();
			}
			this.count.incrementAndGet();
			LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // a run does some work, so that overlaps can show
			this.inFlight.decrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final Runs delay = new Runs();

		final Runs rate = new Runs();

		final Runs cron = new Runs();

		@SupervisedWorker(name = "storm-delay", interval = "100ms")
		public void delay() {
			this.delay.run();
		}

		@SupervisedWorker(name = "storm-rate", fixedRate = "100ms")
		public void rate() {
			this.rate.run();
		}

		@SupervisedWorker(name = "storm-cron", cron = "* * * * * *")
		public void cron() {
			this.cron.run();
		}

	}

}
