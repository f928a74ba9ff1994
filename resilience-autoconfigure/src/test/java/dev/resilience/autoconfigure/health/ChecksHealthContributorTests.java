package dev.resilience.autoconfigure.health;

import java.io.IOException;
import java.time.Duration;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.check.DependencyCheck;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChecksHealthContributorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean("inventory", DependencyCheck.class, () -> () -> {
		})
		.withBean("pricing", DependencyCheck.class, () -> () -> {
			throw new IOException("pricing refused the connection");
		})
		.withPropertyValues("resilience.checks.inventory.interval=50ms", "resilience.checks.pricing.interval=50ms");

	@Test
	void oneEntryPerCheckUpWhenConnectedDegradedOtherwiseWithDetailsOnlyWhenAsked() {
		this.runner.run((context) -> {
			ChecksHealthContributor checks = new ChecksHealthContributor(context.getBean(SupervisionTreeLifecycle.class)::tree);
			assertThat(checks.stream().map(HealthContributors.Entry::name)).containsExactly("inventory", "pricing");
			HealthIndicator inventory = (HealthIndicator) checks.getContributor("inventory");
			HealthIndicator pricing = (HealthIndicator) checks.getContributor("pricing");
			await().atMost(Duration.ofSeconds(5)).until(() -> inventory.health(false).getStatus().equals(Status.UP));
			Health failing = pricing.health(true);
			assertThat(failing.getStatus()).isEqualTo(ResilienceStatus.DEGRADED);
			assertThat(failing.getDetails()).containsEntry("state", "DEGRADED")
				.containsEntry("consecutivePasses", 0)
				.containsEntry("passingChecks", 3)
				.containsKey("lastFailureAt");
			assertThat((String) failing.getDetails().get("lastFailure")).contains("pricing refused the connection");
			assertThat(pricing.health(false).getDetails()).isEmpty();
			assertThat(pricing.health(false).getStatus()).isEqualTo(ResilienceStatus.DEGRADED);
			assertThat(inventory.health(true).getDetails()).containsEntry("state", "CONNECTED");
			assertThat(checks.getContributor("unknown")).isNull();
		});
	}

}
