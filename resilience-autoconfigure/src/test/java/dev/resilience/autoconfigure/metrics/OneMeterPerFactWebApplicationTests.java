package dev.resilience.autoconfigure.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/metrics} of a web application with one worker, with and without an
 * {@code ObservationRegistry}: each fact is one meter, and the counters that alerts watch exist
 * at 0 from start-up.
 */
class OneMeterPerFactWebApplicationTests {

	private static final String OBSERVATION_AUTO_CONFIGURATION =
			"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest(name = "with an ObservationRegistry: {0}")
	@ValueSource(booleans = { true, false })
	void eachFactAppearsOnceAndAlertCountersStartAtZero(boolean observations) throws Exception {
		this.context = new SpringApplicationBuilder(WebApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=metrics",
					"spring.autoconfigure.exclude=" + (observations ? "" : OBSERVATION_AUTO_CONFIGURATION))
			.run();
		assertThat(this.context.getBeanProvider(ObservationRegistry.class).getIfAvailable() != null)
			.isEqualTo(observations);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.context.getBean(PaymentsWorker.class).runs.get() >= 3);
		List<String> names = JsonPath.read(get("/actuator/metrics"), "$.names");
		// the worker's facts: its runs (counted and timed), its restarts, the age of its last success;
		// its supervisors' escalations. Neither the observation's resilience.worker.run and
		// resilience.worker.run.active nor the old resilience.worker.run.duration.
		assertThat(names.stream()
			.filter((name) -> name.startsWith("resilience.worker") || name.startsWith("resilience.supervisor")))
			.containsExactlyInAnyOrder("resilience.worker.runs", "resilience.worker.restarts",
					"resilience.worker.last.success.age", "resilience.supervisor.escalations");
		String runs = get("/actuator/metrics/resilience.worker.runs?tag=worker:payments&tag=outcome:success");
		assertThat(JsonPath.<List<String>>read(runs, "$.measurements[*].statistic"))
			.containsExactly("COUNT", "TOTAL_TIME", "MAX");
		assertThat(JsonPath.<Double>read(runs, "$.measurements[0].value")).isGreaterThanOrEqualTo(3);
		assertThat(JsonPath.<List<String>>read(runs, "$.availableTags[*].tag")).containsExactly("error");
		assertThat(JsonPath.<List<String>>read(runs, "$.availableTags[0].values[*]")).containsExactly("none");
		String escalations = get("/actuator/metrics/resilience.supervisor.escalations");
		assertThat(JsonPath.<List<Double>>read(escalations, "$.measurements[?(@.statistic=='COUNT')].value"))
			.containsExactly(0.0);
		assertThat(JsonPath.<List<String>>read(escalations, "$.availableTags[0].values[*]"))
			.containsExactlyInAnyOrder("root", "payments", "datasource-check");
		String restarts = get("/actuator/metrics/resilience.worker.restarts?tag=worker:payments");
		assertThat(JsonPath.<List<Double>>read(restarts, "$.measurements[?(@.statistic=='COUNT')].value"))
			.containsExactly(0.0);
	}

	private String get(String path) throws Exception {
		int port = this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return response.body();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PaymentsWorker.class)
	static class WebApplication {

	}

	static class PaymentsWorker {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "payments", interval = "20ms", initialDelay = "0s")
		public void pay() {
			this.runs.incrementAndGet();
		}

	}

}
