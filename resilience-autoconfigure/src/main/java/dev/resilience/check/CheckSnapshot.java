package dev.resilience.check;

import java.time.Instant;

/**
 * A point-in-time view of one check.
 *
 * @param name the check's name
 * @param state its state
 * @param consecutivePasses passes in a row so far
 * @param passingChecks passes in a row needed to become CONNECTED
 * @param reason why it is DEGRADED, or {@code null} when CONNECTED
 * @param lastFailure the last failed check's exception type and message, or {@code null}
 * @param lastFailureAt when the last check failed, or {@code null}
 * @param reportedFailures failures reported in a row through {@link PassiveChecks} since the last
 * reported success
 * @param passiveFailures reported failures in a row that run the check at once; 0 when off
 * @param passiveTriggers how many runs reported failures triggered
 *
 * @since 0.1.0
 */
public record CheckSnapshot(String name, CheckState state, int consecutivePasses, int passingChecks, String reason,
		String lastFailure, Instant lastFailureAt, int reportedFailures, int passiveFailures, long passiveTriggers) {

	/**
	 * A snapshot of a check that hears no reported failures.
	 * @param name the check's name
	 * @param state its state
	 * @param consecutivePasses passes in a row so far
	 * @param passingChecks passes in a row needed to become CONNECTED
	 * @param reason why it is DEGRADED, or {@code null} when CONNECTED
	 * @param lastFailure the last failed check's exception type and message, or {@code null}
	 * @param lastFailureAt when the last check failed, or {@code null}
	 */
	public CheckSnapshot(String name, CheckState state, int consecutivePasses, int passingChecks, String reason,
			String lastFailure, Instant lastFailureAt) {
		this(name, state, consecutivePasses, passingChecks, reason, lastFailure, lastFailureAt, 0, 0, 0);
	}

}
