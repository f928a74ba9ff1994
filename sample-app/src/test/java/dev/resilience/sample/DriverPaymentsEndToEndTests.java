package dev.resilience.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.sample.payments.PaymentsProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's whole story over real HTTP against an embedded PostgreSQL: a healthy run, the
 * released bug, the database going away and coming back. The steps build on each other, in
 * order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverPaymentsEndToEndTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleWithPostgres sample;

	private ConfigurableApplicationContext app;

	@BeforeAll
	void start() throws IOException {
		this.sample = new SampleWithPostgres();
		this.app = this.sample.app();
	}

	@AfterAll
	void stop() throws IOException {
		if (this.sample != null) {
			this.sample.close();
		}
	}

	@Test
	@Order(1)
	void healthyRunPaysDriversAndIsReady() {
		await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health/readiness") == 200);
		long paid = summaryNumber("paid");
		await().atMost(Duration.ofSeconds(20)).until(() -> summaryNumber("paid") > paid);
		assertThat(get("/actuator/supervisors").body()).contains("\"payments\"");
	}

	@Test
	@Order(2)
	void releasedBugCrashesThePaymentsWorkerForeverButNoDriverIsOverpaid() {
		this.app.getBean(PaymentsProperties.class).setBug(true);
		SupervisionTree workers = this.app.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
		await().atMost(Duration.ofSeconds(10)).until(() -> !workers.worker("payments").orElseThrow().runInProgress());
		long paidWhenTheBugCameIn = summaryNumber("paid");
		await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(40))
			.until(() -> get("/slack").body().contains("payments_crashing"));
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		Map<String, Object> summary = summary();
		assertThat(summary).containsEntry("overpaid", false);
		assertThat(((Number) summary.get("paid")).longValue()).isEqualTo(paidWhenTheBugCameIn);
		assertThat(workers.worker("payments").orElseThrow().consecutiveFailures()).isGreaterThanOrEqualTo(10);
	}

	@Test
	@Order(3)
	void databaseStoppedTakesTheInstanceOutOfRotation() throws IOException {
		this.sample.stopDatabase();
		await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/slack").body().contains("datasource_disconnected"));
	}

	@Test
	@Order(4)
	void databaseBackPutsTheInstanceBackAfterThePassingChecks() throws IOException {
		this.sample.startDatabase();
		await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health/readiness") == 200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/slack").body().contains("recovered: datasource_disconnected"));
	}

	private Map<String, Object> summary() {
		return JsonParserFactory.getJsonParser().parseMap(get("/payments/summary").body());
	}

	private long summaryNumber(String key) {
		return ((Number) summary().get(key)).longValue();
	}

	private int status(String path) {
		return get(path).statusCode();
	}

	private HttpResponse<String> get(String path) {
		try {
			return client.send(HttpRequest.newBuilder(URI.create(this.sample.url(path)))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
