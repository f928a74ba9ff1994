package dev.resilience.autoconfigure.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.testsupport.Http;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Managed alarms in a running application: a debounce and a hold from
 * {@code resilience.alarms.rules["*_flapping"]}, seen through readiness over HTTP, the alarms
 * endpoint and a recording {@link AlarmHandler} bean.
 */
class ManagedAlarmsApplicationTests {

	private static final Duration DEBOUNCE = Duration.ofSeconds(2);

	private static final Duration HOLD = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(15);

	@AutoClose
	private ConfigurableApplicationContext context;

	@Test
	@SuppressWarnings("unchecked")
	void debounceAndHoldOverHttpHealthAndARecordingHandler() {
		Http http = start();
		Alarms alarms = this.context.getBean(Alarms.class);
		RecordingHandler handler = this.context.getBean(RecordingHandler.class);

		// Toggles inside the debounce: their timers are due before db_flapping's, which comes next
		alarms.set("cache_flapping", Severity.CRITICAL, "miss rate 90%");
		alarms.clear("cache_flapping");
		alarms.set("cache_flapping", Severity.CRITICAL, "miss rate 95%");
		alarms.clear("cache_flapping");
		long setAt = System.nanoTime();
		alarms.set("db_flapping", Severity.CRITICAL, "refused");
		assertThat(http.get("/actuator/health/readiness").status()).as("set, not yet visible").isEqualTo(200);
		Map<String, Object> body = http.get("/actuator/alarms").json();
		assertThat((List<Object>) body.get("active")).isEmpty();
		assertThat((List<Object>) body.get("history")).isEmpty();
		assertThat(actions((List<Map<String, Object>>) body.get("rawHistory"))).containsExactly("set cache_flapping",
				"cleared cache_flapping", "set cache_flapping", "cleared cache_flapping", "set db_flapping");

		await().atMost(WAIT).until(() -> http.get("/actuator/health/readiness").status() == 503);
		await().atMost(WAIT).until(() -> !handler.calls.isEmpty());
		assertThat(handler.calls).singleElement().satisfies((call) -> {
			assertThat(call.event()).as("the toggles reached nobody").isEqualTo("set db_flapping");
			assertThat(Duration.ofNanos(call.nanoTime() - setAt)).isGreaterThanOrEqualTo(DEBOUNCE);
		});

		// Toggles inside the hold: one clear reaches the handler, a hold after the last raw clear
		alarms.clear("db_flapping");
		alarms.set("db_flapping", Severity.CRITICAL, "refused again");
		long clearedAt = System.nanoTime();
		alarms.clear("db_flapping");
		assertThat(http.get("/actuator/health/readiness").status()).as("cleared, not yet visible").isEqualTo(503);
		await().atMost(WAIT).until(() -> http.get("/actuator/health/readiness").status() == 200);
		await().atMost(WAIT).until(() -> handler.calls.size() == 2);
		assertThat(handler.calls.get(1).event()).isEqualTo("cleared db_flapping");
		assertThat(Duration.ofNanos(handler.calls.get(1).nanoTime() - clearedAt)).isGreaterThanOrEqualTo(HOLD);

		body = http.get("/actuator/alarms").json();
		assertThat((List<Object>) body.get("active")).isEmpty();
		assertThat(actions((List<Map<String, Object>>) body.get("history"))).containsExactly("set db_flapping",
				"cleared db_flapping");
		assertThat(actions((List<Map<String, Object>>) body.get("rawHistory"))).hasSize(8)
			.endsWith("set db_flapping", "cleared db_flapping", "set db_flapping", "cleared db_flapping");
	}

	@Test
	void anAlarmNoRuleMatchesReachesHealthAndHandlersAtOnce() {
		Http http = start();
		Alarms alarms = this.context.getBean(Alarms.class);
		RecordingHandler handler = this.context.getBean(RecordingHandler.class);
		alarms.set("db_down", Severity.CRITICAL, "refused");
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
		alarms.clear("db_down");
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
		await().atMost(WAIT).until(() -> handler.calls.size() == 2);
	}

	private static List<String> actions(List<Map<String, Object>> transitions) {
		return transitions.stream()
			.map((transition) -> transition.get("action") + " " + ((Map<String, Object>) transition.get("alarm")).get("id"))
			.toList();
	}

	private Http start() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "management.endpoint.health.probes.enabled=true",
					"management.endpoints.web.exposure.include=health,alarms",
					"resilience.alarms.rules[*_flapping].debounce=" + DEBOUNCE.toMillis() + "ms",
					"resilience.alarms.rules[*_flapping].hold=" + HOLD.toMillis() + "ms")
			.run();
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class App {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

	}

	static class RecordingHandler implements AlarmHandler {

		final List<Call> calls = new CopyOnWriteArrayList<>();

		@Override
		public void onSet(Alarm alarm) {
			this.calls.add(new Call("set " + alarm.id(), System.nanoTime()));
		}

		@Override
		public void onClear(Alarm alarm) {
			this.calls.add(new Call("cleared " + alarm.id(), System.nanoTime()));
		}

		record Call(String event, long nanoTime) {

		}

	}

}
