package dev.resilience.sample;

import java.time.Duration;

import dev.resilience.browser.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page is only as open as the endpoints it reads: where one is not exposed it says
 * which property exposes it, and without write access it shows no buttons.
 */
class StatusPageExposureBrowserTests {

	@Test
	void saysWhichPropertyExposesAMissingEndpointAndShowsNoButtonsWithoutWriteAccess() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,supervisors",
				"--management.endpoint.supervisors.access=read-only"); Browser browser = new Browser()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			browser.open("http://localhost:" + port + "/resilience");
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
				.untilAsserted(() -> assertThat(browser.text("#notices")).contains("The alarms endpoint is not exposed")
					.contains("management.endpoints.web.exposure.include=supervisors,alarms,health"));
			assertThat(browser.text("#notices")).doesNotContain("supervisors endpoint");
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
				.untilAsserted(() -> assertThat(browser.findAll("details.group")).hasSize(3));
			browser.find("#expand").click();
			await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
				.untilAsserted(() -> assertThat(browser.text("div.worker[data-worker='payments']")).contains("Schedule"));
			assertThat(browser.findAll("div.worker button")).isEmpty();
			assertThat(browser.script("return window.resilienceStatus.errors.length;")).isEqualTo(0L);
		}
	}

}
