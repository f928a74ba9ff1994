package dev.resilience.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.resilience.autoconfigure.check.DependencyChecks;
import dev.resilience.check.CheckState;
import dev.resilience.check.CheckStatus;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code checks} health contributor: one entry per dependency check, UP when CONNECTED,
 * {@code DEGRADED} when DEGRADED, with its state, passes in a row and last failure in the
 * details (shown only as {@code show-details} allows). The checks are read when asked, so checks
 * started after this contributor was registered show up.
 */
public class ChecksHealthContributor implements CompositeHealthContributor {

	private final DependencyChecks checks;

	/**
	 * @param checks the application's dependency checks
	 */
	public ChecksHealthContributor(DependencyChecks checks) {
		this.checks = checks;
	}

	@Override
	public HealthContributor getContributor(String name) {
		return this.checks.state(name).isPresent() ? new CheckHealthIndicator(name) : null;
	}

	@Override
	public Stream<Entry> stream() {
		return this.checks.names().stream().map((name) -> new Entry(name, new CheckHealthIndicator(name)));
	}

	private static Status statusOf(CheckState state) {
		return (state == CheckState.CONNECTED) ? Status.UP : ResilienceStatus.DEGRADED;
	}

	private static Health health(CheckStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", status.state().name());
		details.put("consecutivePasses", status.consecutivePasses());
		details.put("passingChecks", status.passingChecks());
		if (status.reason() != null) {
			details.put("reason", status.reason());
		}
		if (status.lastFailure() != null) {
			details.put("lastFailure", status.lastFailure());
			details.put("lastFailureAt", status.lastFailureAt().toString());
		}
		return Health.status(statusOf(status.state())).withDetails(details).build();
	}

	/** One check; without details only its state is read, cheap for load balancers polling often. */
	private final class CheckHealthIndicator implements HealthIndicator {

		private final String name;

		private CheckHealthIndicator(String name) {
			this.name = name;
		}

		@Override
		public Health health(boolean includeDetails) {
			if (!includeDetails) {
				return ChecksHealthContributor.this.checks.state(this.name)
					.map((state) -> Health.status(statusOf(state)).build())
					.orElseGet(() -> Health.unknown().build());
			}
			return health();
		}

		@Override
		public Health health() {
			return ChecksHealthContributor.this.checks.status(this.name)
				.map(ChecksHealthContributor::health)
				.orElseGet(() -> Health.unknown().build());
		}

	}

}
