package dev.resilience.autoconfigure.alarm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.runtime.UserText;
import dev.resilience.webhook.WebhookAlarmHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook handler against a local HTTP server standing in for Slack.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookAlarmHandlerTests {

	private static final String SECRET_PATH = "/services/T0001/B0002/s3cr3tT0k3n";

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final AtomicInteger failuresToServe = new AtomicInteger();

	private volatile int errorStatus = 500;

	private HttpServer slack;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@BeforeEach
	void startSlack() throws IOException {
		this.slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.slack.createContext(SECRET_PATH, (exchange) -> {
			this.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			int status = (this.failuresToServe.getAndDecrement() > 0) ? this.errorStatus : 200;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.slack.start();
	}

	@AfterEach
	void stopSlack() {
		this.slack.stop(0);
	}

	@Test
	void postsOnePerSetAndOnePerClear(CapturedOutput output) {
		this.runner.withPropertyValues("resilience.alarms.webhook.url=" + url()).run((context) -> {
			assertThat(context).hasSingleBean(WebhookAlarmHandler.class);
			Alarms alarms = context.getBean(Alarms.class);
			alarms.set("payments_crashing", Severity.MINOR, "java.lang.IllegalStateException: Invalid payment for job 42");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.bodies.size() == 1);
			alarms.clear("payments_crashing");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.bodies.size() == 2);
			assertThat(this.bodies.get(0)).startsWith("{\"text\":\"")
				.contains("payments_crashing")
				.contains("MINOR")
				.contains("Invalid payment for job 42");
			assertThat(this.bodies.get(1)).contains("recovered").contains("payments_crashing");
		});
		assertThat(output).doesNotContain(SECRET_PATH).doesNotContain("s3cr3tT0k3n");
	}

	@Test
	void retriesAfterAServerError(CapturedOutput output) {
		this.failuresToServe.set(1);
		this.runner.withPropertyValues("resilience.alarms.webhook.url=" + url(), "resilience.alarms.webhook.backoff=50ms")
			.run((context) -> {
				context.getBean(Alarms.class).set("database_disconnected", Severity.CRITICAL, "connection refused");
				await().atMost(Duration.ofSeconds(5)).until(() -> this.bodies.size() == 2);
				assertThat(this.bodies.get(1)).isEqualTo(this.bodies.get(0));
				// nothing more: the retry succeeded
				await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.bodies.size() == 2);
			});
		assertThat(output).doesNotContain("s3cr3tT0k3n");
	}

	@Test
	void givesUpAfterItsRetriesWithoutRevealingTheUrl(CapturedOutput output) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.runner
			.withPropertyValues("resilience.alarms.webhook.url=http://127.0.0.1:" + closedPort + SECRET_PATH,
					"resilience.alarms.webhook.backoff=10ms", "resilience.alarms.webhook.max-retries=2")
			.run((context) -> {
				context.getBean(Alarms.class).set("payments_crashing", Severity.MINOR, "boom");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> output.getAll().contains("Webhook post for alarm 'payments_crashing' failed after 3"));
			});
		assertThat(output).doesNotContain("s3cr3tT0k3n").doesNotContain(String.valueOf(closedPort));
	}

	@Test
	void badUrlFailsStartUpWithoutShowingIt() {
		this.runner.withPropertyValues("resilience.alarms.webhook.url=not a url s3cr3tT0k3n").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("resilience.alarms.webhook.url")
				.hasMessageNotContaining("s3cr3tT0k3n");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "https:/hooks.slack.com/services/T0/B0/s3cr3tT0k3n",
			"https://hook_s.example/services/T0/B0/s3cr3tT0k3n" })
	void urlWithoutAHostFailsStartUpNamingThePropertyNeverTheValue(String url, CapturedOutput output) {
		this.runner.withPropertyValues("resilience.alarms.webhook.url=" + url).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("resilience.alarms.webhook.url")
				.hasMessageContaining("with a host name")
				.hasMessageNotContaining("s3cr3tT0k3n")
				.hasMessageNotContaining("hooks.slack")
				.hasMessageNotContaining("hook_s");
		});
		assertThat(output).doesNotContain("s3cr3tT0k3n").doesNotContain("hooks.slack").doesNotContain("hook_s");
	}

	@ParameterizedTest
	@ValueSource(ints = { 404, 500 })
	void anErrorAnswerIsLoggedByItsStatusNeverByTheUrl(int status, CapturedOutput output) {
		this.failuresToServe.set(Integer.MAX_VALUE);
		this.errorStatus = status;
		this.runner
			.withPropertyValues("resilience.alarms.webhook.url=" + url(), "resilience.alarms.webhook.backoff=10ms",
					"resilience.alarms.webhook.max-retries=1")
			.run((context) -> {
				context.getBean(Alarms.class).set("payments_crashing", Severity.MINOR, "boom");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> output.getAll().contains("Webhook post for alarm 'payments_crashing' failed after "));
			});
		assertThat(output).contains("the webhook answered " + status)
			.doesNotContain("s3cr3tT0k3n")
			.doesNotContain(String.valueOf(this.slack.getAddress().getPort()));
	}

	@Test
	void slackMentionsAndLinksArriveEscaped() {
		this.runner.withPropertyValues("resilience.alarms.webhook.url=" + url()).run((context) -> {
			context.getBean(Alarms.class)
				.set("payments_crashing", Severity.MINOR, "<!channel> <https://evil.example|Acknowledge here> & co");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.bodies.size() == 1);
		});
		String text = JsonMapper.builder().build().readTree(this.bodies.get(0)).get("text").asString();
		assertThat(text).isEqualTo(":rotating_light: Alarm set: payments_crashing [MINOR] "
				+ "&lt;!channel&gt; &lt;https://evil.example|Acknowledge here&gt; &amp; co");
	}

	@Test
	void aMegabyteDescriptionArrivesCut() {
		this.runner.withPropertyValues("resilience.alarms.webhook.url=" + url()).run((context) -> {
			context.getBean(Alarms.class).set("payments_crashing", Severity.MINOR, "x".repeat(1 << 20));
			await().atMost(Duration.ofSeconds(5)).until(() -> this.bodies.size() == 1);
		});
		String text = JsonMapper.builder().build().readTree(this.bodies.get(0)).get("text").asString();
		assertThat(text).hasSizeLessThan(UserText.MAX_LENGTH + 100).contains("more characters cut]");
	}

	@Test
	void noWebhookWithoutAUrl() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WebhookAlarmHandler.class));
	}

	private String url() {
		return "http://127.0.0.1:" + this.slack.getAddress().getPort() + SECRET_PATH;
	}

}
