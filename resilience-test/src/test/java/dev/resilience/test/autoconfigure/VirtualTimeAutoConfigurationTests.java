package dev.resilience.test.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.alarm.AlarmsConfiguration;
import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;
import dev.resilience.event.AlarmClearedEvent;
import dev.resilience.event.AlarmSetEvent;
import dev.resilience.event.WorkerCrashedEvent;
import dev.resilience.event.WorkerRestartedEvent;
import dev.resilience.runtime.Timer;
import dev.resilience.test.VirtualTime;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class VirtualTimeAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VirtualTimeAutoConfiguration.class, ResilienceAutoConfiguration.class))
		.withUserConfiguration(Flaky.class)
		.withPropertyValues("resilience.workers.flaky.backoff.initial=1s", "resilience.workers.flaky.max-restarts=100",
				"resilience.workers.flaky.period=1h", "resilience.alarms.rules.flaky_crashing.debounce=3s");

	@Test
	void theStarterRunsOnTheVirtualTimersThreadsClockAndRandom() {
		this.runner.run((context) -> {
			VirtualTime time = context.getBean(VirtualTime.class);
			assertThat(context.getBean(SupervisedWorkerConfiguration.TIMER_BEAN_NAME)).isSameAs(time.timer());
			assertThat(context.getBean(Timer.class)).isSameAs(time.timer());
			assertThat(context.getBean(SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME)).isSameAs(time.runThreads());
			assertThat(context.getBean(SupervisedWorkerConfiguration.RANDOM_BEAN_NAME, RandomGenerator.class))
				.isSameAs(time.random());
			assertThat(context.getBean(AlarmsConfiguration.CALLBACK_EXECUTOR_BEAN_NAME, Executor.class))
				.isSameAs(time.callbacks());
			assertThat(context.getBean(Alarms.class).timer()).isSameAs(time.timer());
			SupervisionTree tree = context.getBean(SupervisionTree.class);
			assertThat(tree).worker("flaky").hasRun(0);
			time.advance(Duration.ofSeconds(10));
			assertThat(tree).worker("flaky").hasRun(1).hasRestarted(1).hasLastFailure(IllegalStateException.class);
		});
	}

	@Test
	void aVirtualTimeOfTheTestsOwnReplacesTheDefaultOne() {
		Instant start = Instant.parse("2030-06-01T12:00:00Z");
		this.runner.withBean(VirtualTime.class, () -> VirtualTime.create(start, 7)).run((context) -> {
			VirtualTime time = context.getBean(VirtualTime.class);
			assertThat(time.now()).isEqualTo(start);
			assertThat(context.getBean(Timer.class).clock().instant()).isEqualTo(start);
			time.advance(Duration.ofSeconds(10));
			assertThat(context.getBean(SupervisionTree.class).worker("flaky").orElseThrow().lastFailure().at())
				.isEqualTo(start.plusSeconds(10));
		});
	}

	@Test
	void withoutTheKitTheStarterKeepsItsOwnTimer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(VirtualTime.class);
				assertThat(context.getBean(Timer.class).clock()).isEqualTo(java.time.Clock.systemUTC());
			});
	}

	@Test
	void twentyApplicationsGiveTheSameTimeline() {
		List<List<String>> timelines = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			this.runner.withUserConfiguration(Timeline.class).run((context) -> {
				context.getBean(VirtualTime.class).advance(Duration.ofHours(1));
				timelines.add(context.getBean(Timeline.class).events);
			});
		}
		assertThat(timelines.get(0)).hasSizeGreaterThan(20).startsWith("PT10S crashed flaky", "PT10S restarted flaky")
			.anySatisfy((event) -> assertThat(event).endsWith(" set flaky_crashing"));
		assertThat(timelines).allSatisfy((timeline) -> assertThat(timeline).isEqualTo(timelines.get(0)));
	}

	@Configuration(proxyBeanMethods = false)
	static class Flaky {

		@Bean
		FlakyWorker flakyWorker() {
			return new FlakyWorker();
		}

	}

	static class FlakyWorker {

		private int runs;

		@SupervisedWorker(name = "flaky", interval = "10s")
		void run() {
			this.runs++;
			if (this.runs % 50 < 5) { // five crashes in a row, then 45 good runs, and so on
				throw new IllegalStateException("crash " + this.runs);
			}
		}

	}

	/** The starter's events, at their virtual time: jittered backoff delays included. */
	static class Timeline {

		final List<String> events = new ArrayList<>();

		private final VirtualTime time;

		Timeline(VirtualTime time) {
			this.time = time;
		}

		private void record(String what) {
			this.events.add(this.time.elapsed() + " " + what);
		}

		@EventListener
		void crashed(WorkerCrashedEvent event) {
			record("crashed " + event.worker());
		}

		@EventListener
		void restarted(WorkerRestartedEvent event) {
			record("restarted " + event.worker());
		}

		@EventListener
		void set(AlarmSetEvent event) {
			record("set " + event.alarm().id());
		}

		@EventListener
		void cleared(AlarmClearedEvent event) {
			record("cleared " + event.alarm().id());
		}

	}

}
