package dev.resilience.autoconfigure.ui;

import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The status page rendered for a request: where its files and the endpoints are, whether it
 * shows the action buttons.
 */
class StatusPageTests {

	@Test
	void pointsAtItsFilesAndTheEndpointsBehindTheContextPath() {
		String html = new StatusPage("/ops/status", "/manage", false).html("/shop");
		assertThat(html).contains("href=\"/shop/ops/status/status.css\"")
			.contains("src=\"/shop/ops/status/status-tree.js\"")
			.contains("src=\"/shop/ops/status/status.js\"")
			.contains("data-actuator=\"/shop/manage\"")
			.contains("data-write=\"false\"")
			.doesNotContain("{{");
	}

	@Test
	void actuatorAtTheRootIsTheContextPath() {
		assertThat(new StatusPage("/resilience", "/", true).html("")).contains("data-actuator=\"\"")
			.contains("data-write=\"true\"");
		assertThat(new StatusPage("/resilience", "", true).html(null)).contains("data-actuator=\"\"");
	}

	@Test
	void escapesWhatItWritesIntoThePage() {
		assertThat(new StatusPage("/resilience", "/a\"<b>", false).html("")).contains("/a&quot;&lt;b&gt;")
			.doesNotContain("/a\"<b>");
	}

	@Test
	void servesItsFilesFromTheJarAndStaysSmall() {
		StatusPage page = new StatusPage("/resilience", "/actuator", false);
		assertThat(page.files()).containsOnlyKeys("status.css", "status-tree.js", "status.js");
		assertThat(page.files().get("status.js")).contains("'/supervisors'").contains("'/alarms'")
			.contains("/health/readiness");
		assertThat(page.files().get("status-tree.js")).contains("'/supervisors/'");
		assertThat(page.files().values()).allSatisfy((file) -> assertThat(file).doesNotContain("http://")
			.doesNotContain("https://")
			.doesNotContain("@import")
			.doesNotContain("url("));
		assertThat(page.size()).isLessThan(40_000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "resilience", "/resilience/", "/a b", "/status/**", "/{x}", "/a//b" })
	void aPathThatIsNotAPlainPathFailsStartUpNamingTheProperty(String path) {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> new StatusPage(path, "/actuator", false))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("resilience.ui.path"))
			.withMessageContaining("'" + path + "'")
			.withMessageContaining("such as /resilience");
	}

	@Test
	void aNullPathFailsStartUpNamingTheProperty() {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> new StatusPage(null, "/actuator", false))
			.withMessageContaining("resilience.ui.path");
	}

}
