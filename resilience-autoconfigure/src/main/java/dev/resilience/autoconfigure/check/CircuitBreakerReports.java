package dev.resilience.autoconfigure.check;

import java.util.List;
import java.util.Objects;

import dev.resilience.check.PassiveChecks;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Reports what Resilience4j circuit breakers see to the check of the same name
 * ({@link PassiveChecks}): a transition to OPEN (or FORCED_OPEN) and every call the breaker does
 * not permit count as failures, every permitted call that succeeds as a success. So an open
 * circuit runs the check at once, and the check, not the breaker, decides readiness. Breakers
 * whose name is no check's are heard too, and their reports ignored.
 *
 * <p>Listens to the breakers of every {@link CircuitBreakerRegistry} bean, those that exist once
 * all singletons are created and those added or replaced later. The reports are made on the
 * thread that called the breaker, and cost what {@link PassiveChecks} costs: no lock, no
 * allocation.
 *
 * @since 0.1.0
 */
public class CircuitBreakerReports implements SmartInitializingSingleton {

	private final List<CircuitBreakerRegistry> registries;

	private final PassiveChecks passiveChecks;

	/**
	 * @param registries the registries whose breakers report
	 * @param passiveChecks where they report
	 */
	public CircuitBreakerReports(List<CircuitBreakerRegistry> registries, PassiveChecks passiveChecks) {
		this.registries = List.copyOf(registries);
		this.passiveChecks = Objects.requireNonNull(passiveChecks, "passiveChecks");
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (CircuitBreakerRegistry registry : this.registries) {
			registry.getEventPublisher()
				.onEntryAdded((event) -> listen(event.getAddedEntry()))
				.onEntryReplaced((event) -> listen(event.getNewEntry()));
			registry.getAllCircuitBreakers().forEach(this::listen);
		}
	}

	/**
	 * Makes a breaker report to the check of its name.
	 * @param breaker the breaker
	 */
	void listen(CircuitBreaker breaker) {
		String check = breaker.getName();
		CircuitOpenException open = new CircuitOpenException(check);
		breaker.getEventPublisher()
			.onCallNotPermitted((event) -> this.passiveChecks.reportFailure(check, open))
			.onStateTransition((event) -> {
				CircuitBreaker.State to = event.getStateTransition().getToState();
				if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
					this.passiveChecks.reportFailure(check, open);
				}
			})
			.onSuccess((event) -> this.passiveChecks.reportSuccess(check));
	}

	/**
	 * What a breaker reports while its circuit is open: one instance per breaker, without a
	 * stack trace.
	 *
	 * @since 0.1.0
	 */
	public static final class CircuitOpenException extends Exception {

		CircuitOpenException(String breaker) {
			super("circuit breaker '" + breaker + "' is OPEN", null, false, false);
		}

	}

}
