package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without Kotlin and coroutines on the class path the starter supervises Java workers, and
 * nothing of the Kotlin path is loaded: {@code SuspendingRunResults}, the only class that refers
 * to Kotlin, is used for suspending methods only.
 */
class WithoutKotlinTests {

	@Test
	void javaWorkersRunWithoutKotlinOnTheClassPath() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("kotlin", "kotlinx"))
			.withUserConfiguration(App.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				App app = context.getBean(App.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> app.runs.get() >= 2);
				assertThat(context.getBean(SupervisionTree.class).worker("java").orElseThrow().lastFailure()).isNull();
				assertThat(context.getClassLoader().loadClass(App.class.getName())).isNotNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class App {

		final AtomicInteger runs = new AtomicInteger();

		@Bean
		Java java() {
			return new Java(this.runs);
		}

	}

	static class Java {

		private final AtomicInteger runs;

		Java(AtomicInteger runs) {
			this.runs = runs;
		}

		@SupervisedWorker(name = "java", interval = "50ms")
		void run() {
			this.runs.incrementAndGet();
		}

	}

}
