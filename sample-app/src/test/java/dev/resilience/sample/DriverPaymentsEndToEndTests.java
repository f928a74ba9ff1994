package dev.resilience.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.resilience.check.CheckState;
import dev.resilience.sample.payments.PaymentsProperties;
import dev.resilience.test.AutoConfigureVirtualTime;
import dev.resilience.test.VirtualTime;
import dev.resilience.tree.SupervisionTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's whole story over real HTTP against an embedded PostgreSQL: a healthy run, the
 * released bug, the database going away and coming back. The steps build on each other, in
 * order. The sample runs on the test kit's virtual time: the test moves the schedule on, so
 * nothing is waited for but the database's own I/O, and the checks' and workers' counts are
 * exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverPaymentsEndToEndTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleWithPostgres sample;

	private ConfigurableApplicationContext app;

	private VirtualTime time;

	private SupervisionTree tree;

	@BeforeAll
	void start() throws IOException {
		this.sample = new SampleWithPostgres(new Class<?>[] { OnVirtualTime.class });
		this.app = this.sample.app();
		this.time = this.app.getBean(VirtualTime.class);
		this.tree = this.app.getBean(SupervisionTree.class);
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
		this.time.runDue(); // the first check, at once
		assertThat(status("/actuator/health/readiness")).isEqualTo(503); // one pass of three
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.tree).check("datasource").isConnected();
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		long paid = summaryNumber("paid");
		this.time.advance(Duration.ofSeconds(5));
		assertThat(summaryNumber("paid")).isGreaterThan(paid);
		assertThat(this.tree).worker("payments").isRunning().hasConsecutiveFailures(0).hasRestarted(0);
		assertThat(get("/actuator/supervisors").body()).contains("\"payments\"");
	}

	@Test
	@Order(2)
	void releasedBugCrashesThePaymentsWorkerForeverButNoDriverIsOverpaid() {
		this.app.getBean(PaymentsProperties.class).setBug(true);
		long paidWhenTheBugCameIn = summaryNumber("paid");
		long restartsBefore = this.tree.restarts("payments");
		this.time.advance(Duration.ofSeconds(2));
		assertThat(get("/slack").body()).doesNotContain("payments_crashing"); // two crashes in a row
		this.time.advance(Duration.ofSeconds(1));
		assertThat(get("/slack").body()).contains("payments_crashing"); // the third
		this.time.advance(Duration.ofSeconds(12));
		assertThat(this.tree).worker("payments").isRunning().hasConsecutiveFailures(15)
			.hasRestarted((int) restartsBefore + 15);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		Map<String, Object> summary = summary();
		assertThat(summary).containsEntry("overpaid", false);
		assertThat(((Number) summary.get("paid")).longValue()).isEqualTo(paidWhenTheBugCameIn);
	}

	@Test
	@Order(3)
	void databaseStoppedTakesTheInstanceOutOfRotation() throws IOException {
		this.sample.stopDatabase();
		this.time.advance(Duration.ofSeconds(1)); // the next check fails, after the pool's connection timeout
		assertThat(this.tree).check("datasource").isDegraded();
		assertThat(this.tree).worker("payments").isParked();
		assertThat(status("/actuator/health/readiness")).isEqualTo(503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		assertThat(get("/slack").body()).contains("datasource_disconnected");
	}

	@Test
	@Order(4)
	void databaseBackPutsTheInstanceBackAfterThePassingChecks() throws IOException {
		this.sample.startDatabase();
		// the pool may first hand out a connection from before the stop, which fails one more check
		int checks = 0;
		while (this.tree.check("datasource").orElseThrow().state() != CheckState.CONNECTED && checks < 10) {
			assertThat(status("/actuator/health/readiness")).isEqualTo(503);
			this.time.advance(Duration.ofSeconds(1));
			checks++;
		}
		assertThat(checks).as("checks until CONNECTED").isBetween(3, 4);
		assertThat(this.tree).check("datasource").isConnected();
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		assertThat(get("/slack").body()).contains("recovered: datasource_disconnected");
	}

	/** The sample on the test kit's virtual time. */
	@Configuration(proxyBeanMethods = false)
	@AutoConfigureVirtualTime
	static class OnVirtualTime {

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
