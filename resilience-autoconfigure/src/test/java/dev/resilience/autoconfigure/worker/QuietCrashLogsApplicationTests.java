package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.resilience.event.WorkerCrashedEvent;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quiet crash logs in a whole application, read from its console output: a worker that crashes
 * 40 times in a row the same way, then runs well, logs one stack trace, a few lines, and one
 * "recovered after" line; its meters and events still count every crash.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietCrashLogsApplicationTests {

	private static final String CRASH = "java.lang.IllegalStateException: Invalid payment for job 88";

	@Test
	void fortyIdenticalCrashesLogOneStackTraceAFewLinesAndTheRecovery(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run()) {
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("recovered after"));
			List<String> lines = linesOf(output.getOut());
			assertThat(lines).filteredOn((line) -> line.startsWith(CRASH)).as("stack traces").hasSize(1);
			assertThat(lines).filteredOn((line) -> line.contains("'flaky'")).as("lines about the worker")
				.hasSizeLessThanOrEqualTo(4)
				.last()
				.asString()
				.contains("Worker 'flaky' recovered after 40 crashes in ")
				.contains("(39 more since the last line, same as before: IllegalStateException: Invalid payment");
			assertThat(lines).filteredOn((line) -> line.contains("restarting child 'flaky'")).hasSize(1);
			Flaky flaky = context.getBean(Flaky.class);
			assertThat(flaky.crashEvents).hasValue(40);
			assertThat(context.getBean(MeterRegistry.class)
				.get("resilience.worker.runs")
				.tags("worker", "flaky", "outcome", "failure")
				.timer()
				.count()).isEqualTo(40);
		}
	}

	@Test
	void withAShortSummaryIntervalTheSummariesAndTheRecoveryCountEveryCrash(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--resilience.logging.crash-summary-interval=100ms")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("recovered after"));
			List<String> lines = linesOf(output.getOut());
			assertThat(lines).filteredOn((line) -> line.startsWith(CRASH)).as("stack traces").hasSize(1);
			List<String> summaries = lines.stream().filter((line) -> line.contains("'flaky' crashed ")).toList();
			assertThat(summaries).as("summary lines, 40 crashes 20 ms apart").isNotEmpty();
			int counted = 1 + summaries.stream().mapToInt((line) -> number(line, "crashed (\\d+) more time")).sum();
			String recovery = lines.stream().filter((line) -> line.contains("recovered after")).findFirst().orElseThrow();
			if (recovery.contains("more since the last line")) {
				counted += number(recovery, "\\((\\d+) more since the last line");
			}
			assertThat(counted).isEqualTo(40);
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(Flaky.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args);
	}

	private static List<String> linesOf(String output) {
		return output.lines().toList();
	}

	private static int number(String line, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(line);
		assertThat(matcher.find()).as("'%s' in %s", regex, line).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Flaky {

		final AtomicInteger runs = new AtomicInteger();

		final AtomicInteger crashEvents = new AtomicInteger();

		@SupervisedWorker(name = "flaky", interval = "20ms")
		void pay() {
			if (this.runs.incrementAndGet() <= 40) {
				throw new IllegalStateException("Invalid payment for job 88");
			}
		}

		@EventListener
		void crashed(WorkerCrashedEvent event) {
			this.crashEvents.incrementAndGet();
		}

	}

}
