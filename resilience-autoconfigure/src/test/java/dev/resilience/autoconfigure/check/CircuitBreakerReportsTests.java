package dev.resilience.autoconfigure.check;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.check.CheckState;
import dev.resilience.check.DependencyCheck;
import dev.resilience.tree.SupervisionTree;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Resilience4j bridge: a circuit breaker named like a check reports into it (OPEN and the
 * calls it refuses as failures, the permitted calls that succeed as successes), and without
 * Resilience4j on the class path there is no bridge.
 */
class CircuitBreakerReportsTests {

	private final AtomicInteger checks = new AtomicInteger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceCircuitBreakerChecksAutoConfiguration.class))
		.withBean("inventory", DependencyCheck.class, () -> this.checks::incrementAndGet)
		.withPropertyValues("resilience.checks.inventory.interval=1h", "resilience.checks.inventory.passing-checks=1");

	@Test
	void anOpenCircuitAndTheCallsItRefusesRunTheCheckAtOnce() {
		this.runner.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults).run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakerReports.class);
			SupervisionTree tree = context.getBean(SupervisionTree.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> tree.checkState("inventory").orElseThrow() == CheckState.CONNECTED);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("inventory");
			breaker.transitionToOpenState();
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(CallNotPermittedException.class)
					.isThrownBy(() -> breaker.executeRunnable(() -> {
					}));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.checks.get() == 2);
			assertThat(tree.check("inventory").orElseThrow().passiveTriggers()).isOne();
			assertThat(tree.checkState("inventory")).as("the check passed: it decides, not the breaker")
				.hasValue(CheckState.CONNECTED);
		});
	}

	@Test
	void aPermittedCallThatSucceedsResetsTheCountAndOtherBreakersAreIgnored() {
		this.runner.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults).run((context) -> {
			SupervisionTree tree = context.getBean(SupervisionTree.class);
			CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
			CircuitBreaker breaker = registry.circuitBreaker("inventory"); // added after start: heard too
			breaker.transitionToOpenState();
			assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> breaker.executeRunnable(() -> {
			}));
			assertThat(tree.check("inventory").orElseThrow().reportedFailures()).isEqualTo(2);
			breaker.transitionToClosedState();
			breaker.executeRunnable(() -> {
			});
			assertThat(tree.check("inventory").orElseThrow().reportedFailures()).isZero();
			CircuitBreaker payments = registry.circuitBreaker("payments");
			payments.transitionToOpenState();
			assertThat(tree.checks()).allSatisfy((check) -> assertThat(check.reportedFailures()).isZero());
		});
	}

	@Test
	void noBridgeWithoutResilience4j() {
		this.runner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerReports.class));
	}

	@Test
	void withoutARegistryBeanTheBridgeHearsNothingAndTheContextStarts() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CircuitBreakerReports.class));
	}

}
