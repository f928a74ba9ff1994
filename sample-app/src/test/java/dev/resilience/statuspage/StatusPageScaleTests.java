package dev.resilience.statuspage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.browser.Browser;
import dev.resilience.statuspage.ScaleApplication.Timing;
import dev.resilience.tree.SupervisionTree;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page with 1,000 workers and 1,000 active alarms in headless Chromium: how long it
 * takes from navigation to the whole tree on screen, what a refresh costs in the browser, and
 * what it costs the application against calling the endpoints directly. Measures and reports
 * (to {@code target/status-page-scale.txt}, figures in BENCHMARKS.md); the only timed assertion
 * is a generous bound that a noisy 2-core machine keeps.
 */
class StatusPageScaleTests {

	private static final List<String> ENDPOINTS = List.of("/actuator/supervisors", "/actuator/alarms",
			"/actuator/health/readiness", "/actuator/health/liveness");

	private static final int LOADS = 5;

	@Test
	void rendersAThousandWorkersAndAlarmsAndARefreshCostsOnlyTheEndpointCalls() throws Exception {
		try (ConfigurableApplicationContext app = start(); Browser browser = new Browser()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			ScaleApplication.RequestTimings timings = app.getBean(ScaleApplication.RequestTimings.class);
			SupervisionTree tree = app.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> tree.worker("worker0000.run").orElseThrow().consecutiveFailures() > 0);
			List<Double> firstRenders = new ArrayList<>();
			for (int load = 0; load < LOADS; load++) {
				browser.open("http://localhost:" + port + "/resilience");
				await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
						"return window.resilienceStatus && window.resilienceStatus.firstRenderAt") != null);
				firstRenders.add(number(browser.script("return window.resilienceStatus.firstRenderAt;")));
			}
			assertThat(browser.findAll("details.group")).hasSize(ScaleApplication.WORKERS + 1);
			assertThat(browser.text("#alarms-count")).isEqualTo("(" + ScaleApplication.ALARMS + " active)");
			assertThat(browser.text("details.group")).contains("CRASHING");
			callDirectly(port, 10); // warms the endpoints up as much as the page's loads did
			timings.timings.clear();
			long refreshesBefore = refreshes(browser);
			await().atMost(Duration.ofSeconds(60)).until(() -> refreshes(browser) >= refreshesBefore + 5);
			List<Double> refreshRenders = renderTimes(browser);
			browser.open("about:blank");
			List<Timing> byThePage = new ArrayList<>(timings.timings);
			assertThat(byThePage).extracting(Timing::path).allMatch(ENDPOINTS::contains);
			timings.timings.clear();
			Map<String, Integer> bytes = callDirectly(port, 10);
			List<Timing> direct = new ArrayList<>(timings.timings);
			String report = report(firstRenders, refreshRenders, byThePage, refreshes(byThePage), direct, bytes);
			Files.writeString(Path.of("target", "status-page-scale.txt"), report, StandardCharsets.UTF_8);
			System.out.println(report);
			assertThat(firstRenders).allMatch((millis) -> millis < 5000, "a full page within 5 s");
		}
	}

	private static ConfigurableApplicationContext start() {
		// config/application.properties too: it keeps Spring Security (on the test class path) off
		List<String> args = new ArrayList<>(List.of("--spring.config.name=statuspage-scale",
				"--spring.config.additional-location=optional:classpath:/config/application.properties", "--server.port=0",
				"--spring.main.banner-mode=off", "--management.endpoints.web.exposure.include=supervisors,alarms,health",
				"--management.endpoint.health.probes.enabled=true", "--management.endpoint.supervisors.access=unrestricted",
				"--logging.level.dev.resilience=off", "--resilience.supervisor.max-restarts=1000000"));
		// the crashing workers raise no alarm of their own: the page shows exactly the 1,000 set, however
		// long the browser takes (their _crashing alarms came after 3 runs, 15 s, on a slow machine)
		for (int i = 0; i < ScaleApplication.WORKERS; i += 100) {
			args.add(String.format("--resilience.workers[worker%04d.run].alarm-after-failures=1000000", i));
		}
		return new SpringApplicationBuilder(ScaleApplication.class).run(args.toArray(String[]::new));
	}

	private static long refreshes(Browser browser) {
		Object count = browser.script("return window.resilienceStatus ? window.resilienceStatus.refreshes : 0;");
		return ((Number) count).longValue();
	}

	/** @return how long the page took to update itself on each refresh, the first (building it) first */
	@SuppressWarnings("unchecked")
	private static List<Double> renderTimes(Browser browser) {
		return ((List<Object>) browser.script("return window.resilienceStatus.renderMs;")).stream()
			.map(StatusPageScaleTests::number)
			.toList();
	}

	private static int refreshes(List<Timing> timings) {
		return (int) timings.stream().filter((timing) -> timing.path().equals(ENDPOINTS.get(0))).count();
	}

	/** Calls the endpoints as the page does on a refresh: the four requests at once. */
	private static Map<String, Integer> callDirectly(int port, int times) {
		HttpClient client = HttpClient.newHttpClient();
		Map<String, Integer> bytes = new TreeMap<>();
		for (int i = 0; i < times; i++) {
			List<CompletableFuture<HttpResponse<byte[]>>> calls = ENDPOINTS.stream()
				.map((endpoint) -> client.sendAsync(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint)).build(),
						HttpResponse.BodyHandlers.ofByteArray()))
				.toList();
			for (int call = 0; call < calls.size(); call++) {
				bytes.put(ENDPOINTS.get(call), calls.get(call).join().body().length);
			}
		}
		return bytes;
	}

	private static String report(List<Double> firstRenders, List<Double> refreshRenders, List<Timing> byThePage,
			int pageRefreshes, List<Timing> direct, Map<String, Integer> bytes) {
		StringBuilder out = new StringBuilder("Status page at " + ScaleApplication.WORKERS + " workers and "
				+ ScaleApplication.ALARMS + " active alarms\n");
		out.append("navigation to the whole page rendered (ms; the first on a cold JVM), ").append(LOADS).append(" loads: ")
			.append(firstRenders.stream().map((ms) -> String.format("%.0f", ms)).collect(Collectors.joining(", ")))
			.append('\n');
		out.append("browser time to build or update the page per refresh (ms), first (build) then updates: ")
			.append(refreshRenders.stream().map((ms) -> String.format("%.0f", ms)).collect(Collectors.joining(", ")))
			.append('\n');
		out.append("page refreshes observed: ").append(pageRefreshes).append('\n');
		out.append(String.format("per page refresh: server time %.1f ms, CPU time %.1f ms (requests: %s)%n",
				total(byThePage, Timing::nanos) / pageRefreshes, total(byThePage, Timing::cpuNanos) / pageRefreshes,
				paths(byThePage)));
		int rounds = direct.size() / ENDPOINTS.size();
		out.append(String.format("per round of direct calls of the same endpoints, four at once: server time %.1f ms, "
				+ "CPU time %.1f ms (%d rounds)%n", total(direct, Timing::nanos) / rounds,
				total(direct, Timing::cpuNanos) / rounds, rounds));
		Map<String, List<Timing>> perEndpoint = direct.stream()
			.collect(Collectors.groupingBy(Timing::path, TreeMap::new, Collectors.toList()));
		perEndpoint.forEach((path, calls) -> out.append(String.format("  %s: server %.1f ms, CPU %.1f ms, %d bytes%n",
				path, total(calls, Timing::nanos) / calls.size(), total(calls, Timing::cpuNanos) / calls.size(),
				bytes.get(path))));
		return out.toString();
	}

	private static double total(List<Timing> timings, ToLongFunction<Timing> nanos) {
		return timings.stream().mapToLong(nanos).sum() / 1e6;
	}

	private static Map<String, Long> paths(List<Timing> timings) {
		return timings.stream().collect(Collectors.groupingBy(Timing::path, TreeMap::new, Collectors.counting()));
	}

	private static double number(Object value) {
		return ((Number) value).doubleValue();
	}

}
