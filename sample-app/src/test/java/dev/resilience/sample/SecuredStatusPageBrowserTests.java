package dev.resilience.sample;

import java.io.IOException;
import java.time.Duration;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.browser.Browser;
import dev.resilience.browser.SecuredOperations;
import dev.resilience.check.CheckState;
import dev.resilience.event.OperatorActionEvent;
import dev.resilience.tree.WorkerSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page behind the README's Spring Security example with CSRF on, in a real headless
 * Chromium: an operator signs in, presses Pause, and the POST carries the CSRF token from the
 * {@code XSRF-TOKEN} cookie; the page runs under its Content-Security-Policy without a violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredStatusPageBrowserTests {

	private SampleWithPostgres sample;

	private Browser browser;

	@BeforeAll
	void start() throws IOException {
		this.browser = new Browser();
		this.sample = new SampleWithPostgres("--spring.autoconfigure.exclude=",
				"--spring.main.sources=" + SecuredOperations.class.getName());
	}

	@AfterAll
	void stop() throws IOException {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.sample != null) {
			this.sample.close();
		}
	}

	@Test
	@Order(1)
	void anOperatorSignsInAndPausesThroughSpringSecurityWithCsrfOn() {
		// ready first: until three checks have passed the page's readiness request answers 503,
		// which the browser logs as a console error
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.sample.app().getBean(SupervisionTreeLifecycle.class).tree().orElseThrow()
				.checkState("datasource").orElseThrow() == CheckState.CONNECTED);
		this.browser.open(this.sample.url("/resilience"));
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.browser.find("input[name='username']").isDisplayed()).isTrue());
		this.browser.find("input[name='username']").sendKeys("ops");
		this.browser.find("input[name='password']").sendKeys("ops-password");
		this.browser.find("button[type='submit']").click();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
			.untilAsserted(() -> this.browser.find("details.group[data-id='jobs'] summary").click());
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
			.untilAsserted(() -> this.browser.find("button[aria-label='pause jobs']").click());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.browser.text("#action-result")).isEqualTo("pause jobs: done"));
		assertThat(this.sample.app().getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().snapshot()
			.supervisors().stream().flatMap((branch) -> branch.workers().stream())
			.filter((worker) -> worker.name().equals("jobs")).findFirst().orElseThrow().state())
			.isEqualTo(WorkerSnapshot.State.PAUSED);
		assertThat(this.sample.app().getBean(SecuredOperations.class).events)
			.contains(new OperatorActionEvent("worker", "jobs", "pause", "ops", "done"));
		assertThat(this.browser.script("return document.cookie")).asString().contains("XSRF-TOKEN=");
		// the sign-in page asks for a favicon the sample does not have, and readiness answers 503 (which the
		// page shows) until the sample's checks have passed; nothing else may fail
		assertThat(this.browser.consoleErrors())
			.allMatch((error) -> error.contains("/favicon.ico") || error.contains("/actuator/health/readiness - "))
			.noneMatch((error) -> error.contains("Content Security Policy"));
	}

	@Test
	@Order(2)
	void aPostWithoutTheCsrfTokenIsRefusedForASignedInOperator() {
		this.browser.script("fetch('/actuator/supervisors/jobs', { method: 'POST', credentials: 'same-origin', "
				+ "headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'resume' }) })"
				+ ".then(function (r) { window.signedInWithoutToken = r.status; })");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> String.valueOf(this.browser.script("return window.signedInWithoutToken")), "403"::equals);
	}

}
