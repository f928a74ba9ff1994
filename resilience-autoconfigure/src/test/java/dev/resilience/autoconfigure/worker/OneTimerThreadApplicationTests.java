package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.check.DependencyCheck;
import dev.resilience.runtime.Timer;
import dev.resilience.testsupport.Threads;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring application with workers (one with a run timeout, one crashing under backoff and
 * raising its alarm), a check and an alarm handler has exactly one timer thread, counted by name,
 * and closing the context stops it.
 */
class OneTimerThreadApplicationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(App.class)
		.withPropertyValues("resilience.checks.inventory.interval=50ms");

	@Test
	void applicationHasOneTimerThread() {
		long before = Threads.named(Timer.THREAD_NAME);
		this.runner.run((context) -> {
			App app = context.getBean(App.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.crashes.get() >= 3 && app.handled.get() >= 1 && app.checks.get() >= 2);
			assertThat(Threads.named(Timer.THREAD_NAME) - before).as("timer threads started").isEqualTo(1);
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> Threads.named(Timer.THREAD_NAME) == before);
	}

	@Configuration(proxyBeanMethods = false)
	static class App {

		final AtomicInteger crashes = new AtomicInteger();

		final AtomicInteger handled = new AtomicInteger();

		final AtomicInteger checks = new AtomicInteger();

		@Bean
		DependencyCheck inventory() {
			return this.checks::incrementAndGet;
		}

		@Bean
		AlarmHandler countingHandler() {
			return new AlarmHandler() {
				@Override
				public void onSet(Alarm alarm) {
					App.this.handled.incrementAndGet();
				}
			};
		}

		@SupervisedWorker(name = "timed", interval = "20ms", timeout = "1s")
		public void timed() {
		}

		@SupervisedWorker(name = "crashing", interval = "20ms")
		public void crashing() {
			this.crashes.incrementAndGet();
			throw new IllegalStateException("down");
		}

	}

}
