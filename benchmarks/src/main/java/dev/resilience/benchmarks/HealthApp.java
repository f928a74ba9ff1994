package dev.resilience.benchmarks;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.DependencyCheck;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application behind the health-under-load benchmark, on Spring MVC with Actuator, health
 * exposed with Boot's defaults (no details shown) and the availability probes on:
 * <ul>
 * <li>{@code bare}: nothing else; the starter switched off ({@code resilience.enabled=false}).
 * The baseline.</li>
 * <li>{@code starter}: 1,000 {@link DependencyCheck} beans (passing, checked every second) and
 * 1,000 active MINOR alarms, so {@code /actuator/health} stays UP (HTTP 200).</li>
 * </ul>
 * run.sh starts it, waits until it answers, and loads it with wrk.
 */
final class HealthApp {

	static final int CHECKS = 1_000;

	static final int ALARMS = 1_000;

	private HealthApp() {
	}

	static void main(String[] args) {
		String mode = args[0];
		String port = args[1];
		boolean starter = mode.equals("starter");
		SpringApplication application = new SpringApplication(App.class);
		if (starter) {
			application.addInitializers((context) -> {
				BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
				for (int i = 0; i < CHECKS; i++) {
					registry.registerBeanDefinition(String.format("check%04d", i), new RootBeanDefinition(PassingCheck.class));
				}
			});
		}
		ConfigurableApplicationContext context = application.run("--server.port=" + port,
				"--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--management.endpoints.web.exposure.include=health",
				"--management.endpoint.health.probes.enabled=true", "--resilience.enabled=" + starter);
		if (starter) {
			Alarms alarms = context.getBean(Alarms.class);
			for (int i = 0; i < ALARMS; i++) {
				alarms.set(String.format("bench_alarm_%04d", i), Severity.MINOR, "benchmark alarm " + i);
			}
		}
		System.out.println("HEALTH-APP READY " + mode + " on port " + port);
	}

	/** The application. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

	/** A dependency check that passes at once. */
	public static class PassingCheck implements DependencyCheck {

		@Override
		public void check() {
		}

	}

}
