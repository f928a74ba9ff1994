package dev.resilience.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.browser.Browser;
import dev.resilience.sample.payments.PaymentsProperties;
import dev.resilience.tree.SupervisionTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page at {@code /resilience} in a real headless Chromium, against the sample on an
 * embedded PostgreSQL: healthy, with the released bug, without its database, paused by an
 * operator, and used from the keyboard. The steps build on each other, in order. Saves a healthy
 * and a crashing screenshot in {@code target/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTests {

	private SampleWithPostgres sample;

	private Browser browser;

	@BeforeAll
	void start() throws IOException {
		this.browser = new Browser();
		this.sample = new SampleWithPostgres();
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
	void pageLoadsWithoutConsoleErrorsAndListsTheWorkers() {
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
			.until(() -> this.sample.app().getBean(SupervisionTreeLifecycle.class).tree().orElseThrow()
				.checkState("datasource").orElseThrow().name().equals("CONNECTED"));
		this.browser.open(this.sample.url("/resilience"));
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.untilAsserted(() -> assertThat(groupBadge("payments")).isEqualTo("SCHEDULED"));
		assertThat(groupBadge("jobs")).isIn("SCHEDULED", "RUNNING");
		assertThat(groupBadge("datasource-check")).isIn("SCHEDULED", "RUNNING");
		assertThat(this.browser.text("#readiness .badge")).isEqualTo("UP");
		assertThat(this.browser.text("#liveness .badge")).isEqualTo("UP");
		assertThat(this.browser.text("#conn-badge")).isEqualTo("REACHABLE");
		assertThat(this.browser.text("tr[data-id='datasource'] .badge")).isEqualTo("CONNECTED");
		assertThat(this.browser.text("#alarms-note")).isEqualTo("No active alarm.");
		assertThat(this.browser.findAll("#notices li")).isEmpty();
		assertThat(this.browser.consoleErrors()).isEmpty();
		assertThat(jsErrors()).isEmpty();
		this.browser.screenshot(Path.of("target", "status-page-healthy.png"));
	}

	@Test
	@Order(2)
	void withTheBugPaymentsShowsAsCrashingWithItsExceptionAndItsAlarm() {
		SupervisionTree tree = this.sample.app().getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
		this.sample.app().getBean(PaymentsProperties.class).setBug(true);
		await().atMost(Duration.ofSeconds(10)).until(() -> tree.worker("payments").orElseThrow().consecutiveFailures() > 0);
		await().atMost(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
			assertThat(groupBadge("payments")).isEqualTo("CRASHING");
			assertThat(this.browser.text("details.group[data-id='payments'] .err"))
				.contains("IllegalStateException: Invalid payment for job");
		});
		assertThat(this.browser.findAll("details.group").get(0).getAttribute("data-id")).isEqualTo("payments");
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.browser.text("tr[data-id='payments_crashing']"))
				.contains("MINOR").contains("Invalid payment for job"));
		// restart intensity as headroom: a worker restarted forever does not look about to give up
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.browser.text("details.group[data-id='payments'] > summary .meta"))
				.contains("restarted for as long as it fails, never gives up (at most 5 fit in 5s, limit 6)")
				.doesNotContainPattern("restarts \\d+ of \\d+"));
		assertThat(this.browser.text("details.group[data-id='jobs'] > summary .meta")).doesNotContain("to spare");
		// the readiness box names what decides readiness, and the MINOR alarm that does not
		assertThat(this.browser.text("#readiness .badge")).isEqualTo("UP");
		assertThat(this.browser.text("#readiness .why"))
			.contains("Readiness is decided by the dependency checks and by CRITICAL and MAJOR alarms")
			.contains("MINOR and WARNING alarms are news for people and never take the instance out of rotation")
			.contains("set now, not deciding: payments_crashing (MINOR)");
		this.browser.find("details.group[data-id='payments'] summary").click();
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.browser.text("div.worker[data-worker='payments']"))
				.contains("Invalid payment for job").contains("fixed delay 1s"));
		assertThat(jsErrors()).isEmpty();
		this.browser.screenshot(Path.of("target", "status-page-crashing.png"));
		this.browser.find("details.group[data-id='payments'] summary").click();
		this.sample.app().getBean(PaymentsProperties.class).setBug(false);
	}

	@Test
	@Order(3)
	void withoutItsDatabaseTheBannerIsNotReadyUntilThreePassingChecks() throws IOException {
		this.sample.stopDatabase();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.browser.text("#readiness .badge")).isNotEqualTo("UP");
			assertThat(this.browser.text("#readiness")).contains("Not ready").contains("datasource");
			assertThat(this.browser.text("tr[data-id='datasource'] .badge")).isEqualTo("DEGRADED");
			assertThat(this.browser.text("tr[data-id='datasource']")).contains("0 of 3 passing checks");
		});
		assertThat(this.browser.text("#liveness .badge")).isEqualTo("UP");
		assertThat(this.browser.text("tr[data-id='datasource_disconnected']")).contains("CRITICAL");
		this.sample.startDatabase();
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.browser.text("#readiness .badge")).isEqualTo("UP");
			assertThat(this.browser.text("tr[data-id='datasource'] .badge")).isEqualTo("CONNECTED");
			assertThat(this.browser.text("tr[data-id='datasource']")).contains("3 of 3 passing checks");
		});
		assertThat(jsErrors()).isEmpty();
	}

	@Test
	@Order(4)
	void pressingPauseShowsPaused() {
		this.browser.find("details.group[data-id='jobs'] summary").click();
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.untilAsserted(() -> this.browser.find("button[aria-label='pause jobs']").click());
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.untilAsserted(() -> assertThat(groupBadge("jobs")).isEqualTo("PAUSED"));
		assertThat(this.browser.text("#action-result")).isEqualTo("pause jobs: done");
		assertThat(this.browser.find("button[aria-label='pause jobs']").isEnabled()).isFalse();
		this.browser.find("button[aria-label='resume jobs']").click();
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.untilAsserted(() -> assertThat(groupBadge("jobs")).isIn("SCHEDULED", "RUNNING"));
		assertThat(jsErrors()).isEmpty();
	}

	@Test
	@Order(5)
	void keyboardReachesTheFilterAndOpensGroupsAndTheFilterNarrowsTheTree() {
		this.browser.find("body").sendKeys("/");
		assertThat(this.browser.script("return document.activeElement.id;")).isEqualTo("filter");
		this.browser.find("#filter").sendKeys("jobs");
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.browser.find("details.group[data-id='jobs']").isDisplayed()).isTrue();
			assertThat(this.browser.find("details.group[data-id='payments']").isDisplayed()).isFalse();
			assertThat(this.browser.text("#counts")).isEqualTo("1 of 3 supervisors match");
		});
		this.browser.find("#filter").sendKeys(Keys.TAB);
		this.browser.find("#expand").sendKeys(Keys.ENTER);
		assertThat(this.browser.find("details.group[data-id='jobs']").getAttribute("open")).isNotNull();
		this.browser.find("#collapse").sendKeys(Keys.ENTER);
		assertThat(this.browser.find("details.group[data-id='jobs']").getAttribute("open")).isNull();
		this.browser.find("details.group[data-id='jobs'] > summary").sendKeys(Keys.ENTER);
		assertThat(this.browser.find("details.group[data-id='jobs']").getAttribute("open")).isNotNull();
		assertThat(this.browser.find("button[aria-label='trigger jobs']").getTagName()).isEqualTo("button");
		this.browser.find("#filter").clear();
		this.browser.find("#filter").sendKeys(" ", Keys.BACK_SPACE);
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.browser.find("details.group[data-id='payments']").isDisplayed()).isTrue());
		assertThat(jsErrors()).isEmpty();
	}

	@Test
	@Order(6)
	void timesAreRelativeToTheServersClockNotTheBrowsers() {
		// the browser's clock runs an hour ahead of the server's
		this.browser.script("var real = Date.now; Date.now = function () { return real.call(Date) + 3600000; };");
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
			Number skew = (Number) this.browser.script("return window.resilienceStatus.skewMs;");
			assertThat(skew.doubleValue()).isBetween(-3600000.0 - 5000, -3600000.0 + 5000);
		});
		await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
			String meta = this.browser.text("details.group[data-id='jobs'] > summary .meta");
			// a tick due at the moment of the snapshot reads as a fraction of a second ago (a loaded machine)
			assertThat(meta).containsPattern("next (in \\d|0\\.\\d s ago)").doesNotContain("h ago").doesNotContain("min ago");
			assertThat(meta).containsPattern("last run success \\d+(\\.\\d)? s ago");
		});
		assertThat(jsErrors()).isEmpty();
	}

	private String groupBadge(String id) {
		return this.browser.text("details.group[data-id='" + id + "'] > summary .badge");
	}

	@SuppressWarnings("unchecked")
	private List<Object> jsErrors() {
		return (List<Object>) this.browser.script("return window.resilienceStatus.errors;");
	}

}
