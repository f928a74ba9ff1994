package dev.resilience.autoconfigure.worker;

import java.time.Duration;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.threads.virtual.enabled=true} on JDK 21+, runs happen on virtual threads.
 * Runs only on JDK 21+ (the build's default JDK is 17: run it with a JDK 21+ as JAVA_HOME).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadWorkerTests {

	@Test
	void runsOnVirtualThreadsWhenEnabled() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.withBean(ThreadRecordingWorker.class)
			.run((context) -> {
				assertThat(context.getBean(SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME))
					.isInstanceOf(dev.resilience.runtime.RunThreads.class);
				ThreadRecordingWorker worker = context.getBean(ThreadRecordingWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> worker.virtual.size() >= 3);
				assertThat(worker.virtual).containsOnly(true);
			});
	}

	static class ThreadRecordingWorker {

		final java.util.List<Boolean> virtual = new java.util.concurrent.CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "recorder", interval = "20ms")
		public void run() throws Exception {
			this.virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
		}

	}

}
