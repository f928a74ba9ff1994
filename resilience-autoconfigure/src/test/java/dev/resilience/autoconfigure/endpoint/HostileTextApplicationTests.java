package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.DependencyCheck;
import dev.resilience.runtime.UserText;
import dev.resilience.testsupport.Http;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile exception text, a megabyte long or with line breaks, from a worker, a check and a
 * direct {@link Alarms#set}: cut in every endpoint response and handler call, and unable to forge
 * a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileTextApplicationTests {

	private static final String MEGABYTE = "m".repeat(1 << 20);

	private static final String FORGED = "2026-12-02T00:00:00.000Z ERROR 1 --- [main] forged.Logger : FORGED LINE";

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aMegabyteMessageIsCutInEveryEndpointResponseAndEveryHandlerCall() {
		Http http = start();
		Alarms alarms = this.context.getBean(Alarms.class);
		alarms.set("direct", Severity.MINOR, MEGABYTE);
		await().atMost(Duration.ofSeconds(10)).until(() -> alarms.isSet("huge_crashing") && alarms.isSet("huge_disconnected"));
		Http.Response supervisors = http.get("/actuator/supervisors");
		Http.Response alarmsResponse = http.get("/actuator/alarms");
		for (Http.Response response : List.of(supervisors, alarmsResponse)) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().length()).isLessThan(60_000);
			assertThat(response.body()).contains("more characters cut]").doesNotContain("m".repeat(UserText.MAX_LENGTH));
		}
		assertThat(supervisors.body()).contains("java.lang.IllegalStateException: mmm");
		List<Alarm> calls = this.context.getBean(App.class).calls;
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() >= 3);
		assertThat(calls).allSatisfy((alarm) -> assertThat(alarm.description()).hasSizeLessThanOrEqualTo(UserText.MAX_LENGTH));
		assertThat(calls).extracting(Alarm::id).contains("direct", "huge_crashing", "huge_disconnected");
	}

	@Test
	void aMessageWithLineBreaksCannotForgeALogLine(CapturedOutput output) {
		start();
		Alarms alarms = this.context.getBean(Alarms.class);
		alarms.set("direct", Severity.CRITICAL, "bad\r\n" + FORGED);
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("Alarm set: crlf_disconnected")
				&& output.getAll().contains("Alarm set: direct"));
		assertThat(output.getAll()).contains("bad\\r\\n" + FORGED);
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith(FORGED));
	}

	private Http start() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=supervisors,alarms",
					"management.endpoint.supervisors.show-details=always", "resilience.workers.huge.alarm-after-failures=1",
					"resilience.checks.huge.interval=100ms", "resilience.checks.crlf.interval=100ms")
			.run();
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final List<Alarm> calls = new CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "huge", interval = "100ms")
		public void crash() {
			throw new IllegalStateException(MEGABYTE);
		}

		@Bean
		DependencyCheck huge() {
			return () -> {
				throw new IllegalStateException(MEGABYTE);
			};
		}

		@Bean
		DependencyCheck crlf() {
			return () -> {
				throw new IllegalStateException("down\r\n" + FORGED);
			};
		}

		@Bean
		AlarmHandler recording() {
			return new AlarmHandler() {

				@Override
				public void onSet(Alarm alarm) {
					HostileTextApplicationTests.App.this.calls.add(alarm);
				}

				@Override
				public void onClear(Alarm alarm) {
					HostileTextApplicationTests.App.this.calls.add(alarm);
				}

			};
		}

	}

}
