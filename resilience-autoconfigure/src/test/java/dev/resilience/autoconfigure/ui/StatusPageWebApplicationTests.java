package dev.resilience.autoconfigure.ui;

import dev.resilience.testsupport.Http;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page over real HTTP in a Spring MVC application: on the application's port, or
 * on the management port when Actuator has its own.
 */
class StatusPageWebApplicationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void servedBesideActuatorWithItsFilesAndNoOtherDataPath() {
		Http http = new Http(port(start("--server.servlet.context-path=/shop")));
		Http.Response page = http.get("/shop/resilience");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Resilience status</title>")
			.contains("data-actuator=\"/shop/actuator\"")
			.contains("src=\"/shop/resilience/status.js\"");
		assertThat(http.get("/shop/resilience/").status()).isEqualTo(200);
		Http.Response script = http.get("/shop/resilience/status.js");
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.body()).contains("ACTUATOR + path");
		assertThat(http.get("/shop/resilience/status.css").status()).isEqualTo(200);
		assertThat(http.get("/shop/resilience/status-tree.js").body()).contains("window.resilienceTree");
		assertThat(http.get("/shop/actuator/supervisors").status()).isEqualTo(200);
		assertThat(http.get("/shop/resilience/other").status()).isEqualTo(404);
	}

	@Test
	void everyFileIsServedUnderTheContentSecurityPolicyNeverFramedAndWithoutReferrer() {
		Http http = new Http(port(start()));
		for (String path : new String[] { "/resilience", "/resilience/", "/resilience/status.js",
				"/resilience/status-tree.js", "/resilience/status.css" }) {
			Http.Response response = http.get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.header("Content-Security-Policy")).as(path)
				.isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
						+ "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
			assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
			assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
		}
		assertThat(http.get("/resilience").body()).doesNotContain("style=").doesNotContain("<style")
			.doesNotContainPattern("<script>|<script(?![^>]*\\ssrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=");
	}

	@Test
	void servedOnTheManagementPortWhenActuatorHasItsOwn() {
		this.context = start("--management.server.port=0", "--resilience.ui.path=/ops/status");
		int managementPort = Integer.parseInt(this.context.getEnvironment().getProperty("local.management.port"));
		Http management = new Http(managementPort);
		Http.Response page = management.get("/ops/status");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("data-actuator=\"/actuator\"");
		assertThat(management.get("/ops/status/status.js").status()).isEqualTo(200);
		assertThat(management.get("/actuator/supervisors").status()).isEqualTo(200);
		assertThat(new Http(port(this.context)).get("/ops/status").status()).isEqualTo(404);
	}

	@Test
	void notServedWhenSwitchedOff() {
		Http http = new Http(port(start("--resilience.ui.enabled=false")));
		assertThat(http.get("/resilience").status()).isEqualTo(404);
		assertThat(http.get("/resilience/status.js").status()).isEqualTo(404);
	}

	private ConfigurableApplicationContext start(String... args) {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,supervisors,alarms")
			.run(args);
		return this.context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@SupervisedWorker(name = "ticker", interval = "1s")
		public void tick() {
		}

	}

}
