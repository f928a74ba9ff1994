package dev.resilience.check;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where any code reports how its calls to a dependency went, by the name of the check that
 * watches that dependency: {@code resilience.checks.<name>.passive.failures} failures in a row
 * (default 3) run the check at once instead of at its next interval; a success resets the count.
 * The check's run decides: reports alone never degrade a check (see {@link PassiveDetector}).
 *
 * <pre>{@code
 * try {
 *     inventory.reserve(order);
 *     passiveChecks.reportSuccess("inventory");
 * }
 * catch (IOException ex) {
 *     passiveChecks.reportFailure("inventory", ex);
 *     throw ex;
 * }
 * }</pre>
 *
 * <p>Reports for a name that is no check of the running tree (before it starts, after it stops,
 * or a name without a {@code DependencyCheck}) are ignored; {@link #has} tells whether a name is
 * one.
 *
 * <p><b>Threading.</b> This class is thread-safe. Reporting is meant for the hot path of every
 * call: a lookup in an immutable map and one atomic operation, with no lock and no allocation;
 * the check never runs on the reporting thread.
 *
 * @since 0.1.0
 */
public final class PassiveChecks {

	private volatile Map<String, PassiveDetector> detectors = Map.of();

	/**
	 * A call that depends on the check's dependency failed.
	 * @param check the check's name
	 * @param failure what the call threw
	 */
	public void reportFailure(String check, Throwable failure) {
		PassiveDetector detector = this.detectors.get(check);
		if (detector != null) {
			detector.failed(failure);
		}
	}

	/**
	 * A call that depends on the check's dependency succeeded.
	 * @param check the check's name
	 */
	public void reportSuccess(String check) {
		PassiveDetector detector = this.detectors.get(check);
		if (detector != null) {
			detector.succeeded();
		}
	}

	/**
	 * @param check a name
	 * @return whether reports for it reach a check of the running tree
	 */
	public boolean has(String check) {
		return this.detectors.containsKey(check);
	}

	/** @return the names of the checks that reports reach now */
	public Set<String> checks() {
		return this.detectors.keySet();
	}

	/**
	 * Lets reports reach these checks: called by the supervision tree as it starts.
	 * @param checks the tree's detectors
	 */
	public synchronized void attach(Collection<PassiveDetector> checks) {
		Map<String, PassiveDetector> next = new HashMap<>(this.detectors);
		checks.forEach((detector) -> next.put(detector.check(), Objects.requireNonNull(detector, "detector")));
		this.detectors = Map.copyOf(next);
	}

	/**
	 * Stops reports from reaching these checks: called by the supervision tree as it stops.
	 * @param checks the tree's detectors
	 */
	public synchronized void detach(Collection<PassiveDetector> checks) {
		Map<String, PassiveDetector> next = new HashMap<>(this.detectors);
		checks.forEach((detector) -> next.remove(detector.check(), detector));
		this.detectors = Map.copyOf(next);
	}

}
