package dev.resilience.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;


import dev.resilience.check.CheckState;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.check.CheckSnapshot;

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
 *
 * @since 0.1.0
 */
public class ChecksHealthContributor implements CompositeHealthContributor {

	private static final Health UP = Health.up().build();

	private static final Health DEGRADED = Health.status(ResilienceStatus.DEGRADED).build();

	private static final Health UNKNOWN = Health.unknown().build();

	private final Supplier<Optional<SupervisionTree>> tree;

	private volatile Entries entries;

	/**
	 * @param tree the running supervision tree, empty before start
	 */
	public ChecksHealthContributor(Supplier<Optional<SupervisionTree>> tree) {
		this.tree = tree;
	}

	@Override
	public HealthContributor getContributor(String name) {
		return checkState(name).isPresent() ? new CheckHealthIndicator(name) : null;
	}

	@Override
	public Stream<Entry> stream() {
		return entries().stream();
	}

	/** The entries of the running tree: made once per tree, as its checks never change. */
	private List<Entry> entries() {
		SupervisionTree tree = this.tree.get().orElse(null);
		if (tree == null) {
			return List.of();
		}
		Entries entries = this.entries;
		if (entries == null || entries.tree() != tree) {
			entries = new Entries(tree, tree.checkNames()
				.stream()
				.map((name) -> new Entry(name, new CheckHealthIndicator(name)))
				.toList());
			this.entries = entries;
		}
		return entries.list();
	}

	private record Entries(SupervisionTree tree, List<Entry> list) {
	}

	private Optional<CheckState> checkState(String name) {
		return this.tree.get().flatMap((tree) -> tree.checkState(name));
	}

	private static Status statusOf(CheckState state) {
		return (state == CheckState.CONNECTED) ? Status.UP : ResilienceStatus.DEGRADED;
	}

	private static Health health(CheckSnapshot status) {
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
				CheckState state = checkState(this.name).orElse(null);
				return (state == null) ? UNKNOWN : (state == CheckState.CONNECTED) ? UP : DEGRADED;
			}
			return health();
		}

		@Override
		public Health health() {
			return ChecksHealthContributor.this.tree.get()
				.flatMap((tree) -> tree.check(this.name))
				.map(ChecksHealthContributor::health)
				.orElseGet(() -> Health.unknown().build());
		}

	}

}
