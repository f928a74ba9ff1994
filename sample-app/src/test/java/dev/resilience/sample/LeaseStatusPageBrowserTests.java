package dev.resilience.sample;

import java.io.IOException;
import java.time.Duration;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.browser.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page in a real headless Chromium shows who holds a cluster singleton's lease, with
 * its token: the sample under the {@code postgres} profile, whose payments worker runs on a lease.
 */
class LeaseStatusPageBrowserTests {

	@Test
	void theStatusPageShowsTheHolderOfTheLease() throws IOException {
		try (Browser browser = new Browser();
				SampleWithPostgres sample = new SampleWithPostgres("--spring.profiles.active=postgres",
						"--resilience.cluster.instance-id=payments-a")) {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
				.until(() -> sample.app().getBean(SupervisionTreeLifecycle.class).tree().orElseThrow()
					.checkState("datasource").orElseThrow().name().equals("CONNECTED"));
			browser.open(sample.url("/resilience"));
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
				.untilAsserted(() -> assertThat(browser.text("details.group[data-id='payments'] > summary .badge"))
					.isEqualTo("SCHEDULED"));
			browser.find("details.group[data-id='payments'] summary").click();
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
				.untilAsserted(() -> assertThat(browser.text("div.worker[data-worker='payments']"))
					.contains("Holder")
					.containsPattern("payments-a \\(this instance\\), token \\d+, lease expires"));
			assertThat(browser.consoleErrors()).isEmpty();
			assertThat(browser.script("return window.resilienceStatus.errors;")).asList().isEmpty();
		}
	}

}
