package dev.resilience.autoconfigure.aot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.endpoint.ResilienceEndpointAutoConfiguration;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint;
import dev.resilience.autoconfigure.settings.WorkerDeclaration;
import dev.resilience.autoconfigure.worker.SupervisedWorkerAnnotationProcessor;
import dev.resilience.check.DependencyCheck;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in an application context processed by Spring AOT, as {@code process-aot} does:
 * the hints registered through {@code META-INF/spring/aot.factories} and
 * {@code @ImportRuntimeHints}, and the context started from the generated bean definitions,
 * where worker discovery (a bean post-processor for singletons, bean definitions for
 * prototypes) still finds every worker.
 */
class AotProcessedContextTests {

	@Test
	void generatedContextFindsSingletonAndPrototypeWorkersAndHintsCoverThem(@TempDir Path work) throws Exception {
		AnnotationConfigApplicationContext build = new AnnotationConfigApplicationContext();
		build.register(WorkersConfiguration.class);
		AotTestCompiler.Processed processed = AotTestCompiler.process(build, AotProcessedContextTests.class, work);
		RuntimeHints hints = processed.hints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SingletonWorker.class, "run"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(PrototypeWorker.class, "run"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DependencyCheck.class, "check"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(SupervisorsEndpoint.WorkerDescriptor.class, "runs")).accepts(hints);

		PrototypeWorker.instances.clear();
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			processed.initializer().initialize(context);
			context.refresh();
			List<String> workers = context.getBean(SupervisedWorkerAnnotationProcessor.class)
				.declarations()
				.stream()
				.map((declaration) -> declaration.annotation().name())
				.toList();
			assertThat(workers).containsExactlyInAnyOrder("singleton", "prototype");
			SingletonWorker singleton = context.getBean(SingletonWorker.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> singleton.runs.get() >= 2 && PrototypeWorker.instances.size() >= 3);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ResilienceAutoConfiguration.class, ResilienceEndpointAutoConfiguration.class })
	static class WorkersConfiguration {

		@Bean
		SingletonWorker singletonWorker() {
			return new SingletonWorker();
		}

		@Bean
		@Scope("prototype")
		PrototypeWorker prototypeWorker() {
			return new PrototypeWorker();
		}

		@Bean
		DependencyCheck pingCheck() {
			return () -> {
			};
		}

	}

	static class SingletonWorker {

		final AtomicInteger runs = new AtomicInteger();

		@SupervisedWorker(name = "singleton", interval = "20ms")
		public void run() {
			this.runs.incrementAndGet();
		}

	}

	static class PrototypeWorker {

		static final List<PrototypeWorker> instances = new CopyOnWriteArrayList<>();

		PrototypeWorker() {
			instances.add(this);
		}

		/** Crashes on every run, so every restart takes a fresh instance. */
		@SupervisedWorker(name = "prototype", interval = "20ms")
		public void run() {
			throw new IllegalStateException("crash for a fresh instance");
		}

	}

}
