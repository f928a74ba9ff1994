package dev.resilience.autoconfigure.health;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real alarms through real HTTP: what a load balancer polling health sees for each severity,
 * with no status property set.
 */
class AlarmsHealthApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest(name = "{0} alarm: {1} {2}")
	@CsvSource(textBlock = """
			CRITICAL, 503, DOWN
			MAJOR,    503, DEGRADED
			MINOR,    200, UP
			WARNING,  200, UP
			""")
	void healthAndReadinessFollowTheWorstAlarm(Severity severity, int httpStatus, String status) {
		Http http = start();
		this.context.getBean(Alarms.class).set("something_wrong", severity, "details for people");
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness" }) {
			Http.Response response = http.get(path);
			assertThat(response.status()).as(path).isEqualTo(httpStatus);
			assertThat(response.json()).as(path).containsEntry("status", status);
		}
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void clearedAlarmPutsTheInstanceBack() {
		Http http = start();
		Alarms alarms = this.context.getBean(Alarms.class);
		alarms.set("db_down", Severity.CRITICAL, "refused");
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
		alarms.clear("db_down");
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void theUsersOwnStatusOrderAndMappingWin() {
		Http http = start("--management.endpoint.health.status.order=down,out-of-service,up,degraded,unknown",
				"--management.endpoint.health.status.http-mapping.degraded=299");
		this.context.getBean(Alarms.class).set("slow_downstream", Severity.MAJOR, "p99 2s");
		Http.Response response = http.get("/actuator/health");
		assertThat(response.json()).containsEntry("status", "UP");
		this.context.close();
		this.context = null;
		Http other = start("--management.endpoint.health.status.http-mapping.degraded=299");
		this.context.getBean(Alarms.class).set("slow_downstream", Severity.MAJOR, "p99 2s");
		assertThat(other.get("/actuator/health").status()).isEqualTo(299);
	}

	@Test
	void detailsStayHiddenFromCallersByDefault() {
		Http http = start();
		this.context.getBean(Alarms.class).set("db_down", Severity.CRITICAL, "password authentication failed for s3cr3t");
		Http.Response response = http.get("/actuator/health");
		assertThat(response.body()).doesNotContain("s3cr3t").doesNotContain("db_down");
	}

	private Http start(String... args) {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "management.endpoint.health.probes.enabled=true")
			.run(args);
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class App {

	}

}
