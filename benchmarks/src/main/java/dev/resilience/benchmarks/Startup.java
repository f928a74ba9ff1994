package dev.resilience.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import dev.resilience.worker.SupervisedWorker;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Start-up time of a Spring Boot application (no web server, Actuator on the class path) with
 * {@code N} singleton beans of one class, each with one job method at a 1 s interval: under
 * {@code @Scheduled} ({@code @EnableScheduling}, the starter switched off with
 * {@code resilience.enabled=false}) or under {@code @SupervisedWorker} (the starter). The figure
 * is the time from {@code SpringApplication.run} to {@code ApplicationReadyEvent}; run.sh starts
 * a fresh JVM per measurement and alternates the modes.
 */
final class Startup {

	private Startup() {
	}

	static void main(String[] args) {
		String mode = args[0];
		int beans = Integer.parseInt(args[1]);
		boolean starter = mode.equals("starter");
		SpringApplication application = new SpringApplication(starter ? StarterApp.class : ScheduledApp.class);
		Class<?> job = starter ? SupervisedTick.class : ScheduledTick.class;
		application.addInitializers((context) -> {
			BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
			for (int i = 0; i < beans; i++) {
				registry.registerBeanDefinition(String.format("job%04d", i), new RootBeanDefinition(job));
			}
		});
		long[] readyAt = new long[1];
		application.addListeners((event) -> {
			if (event instanceof ApplicationReadyEvent) {
				readyAt[0] = System.nanoTime();
			}
		});
		long start = System.nanoTime();
		ConfigurableApplicationContext context = application.run("--spring.main.web-application-type=none",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--resilience.enabled=" + starter);
		long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
		Raw.put("startup." + mode + ".ms", TimeUnit.NANOSECONDS.toMicros(readyAt[0] - start) / 1000.0);
		Raw.put("startup." + mode + ".jvm_ms", jvmUptime);
		context.close();
		System.exit(0);
	}

	/** An application whose jobs run under {@code @Scheduled}. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableScheduling
	static class ScheduledApp {

	}

	/** An application whose jobs run under the starter. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StarterApp {

	}

	/** A job bean under {@code @Scheduled}. */
	public static class ScheduledTick {

		@Scheduled(fixedDelay = 1000, initialDelay = 1000)
		public void tick() {
		}

	}

	/** A job bean under {@code @SupervisedWorker} (named {@code jobNNNN.tick}). */
	public static class SupervisedTick {

		@SupervisedWorker(interval = "1s")
		public void tick() {
		}

	}

}
