package dev.resilience.autoconfigure.endpoint;

import dev.resilience.check.CheckSnapshot;

/**
 * A dependency check in the {@code supervisors} endpoint, with its hysteresis progress: it
 * becomes {@code CONNECTED} after {@code passingChecks} passes in a row, and
 * {@code consecutivePasses} says how far it is ("2 of 3 passing checks").
 *
 * @param name the check's name
 * @param worker the worker that runs it ({@code <name>-check})
 * @param state {@code CONNECTED} or {@code DEGRADED}
 * @param consecutivePasses passes in a row so far
 * @param passingChecks passes in a row needed to become {@code CONNECTED}
 * @param reason why it is {@code DEGRADED}, or {@code null} when {@code CONNECTED}; without the
 * exception's message when details are not shown to the caller
 * @param lastFailure the last failed check's exception type and message (the type alone when
 * details are not shown to the caller), or {@code null}
 * @param lastFailureAt when the last check failed, or {@code null}
 * @param reportedFailures failed calls reported in a row by the application (passive checking)
 * @param passiveFailures reported failures in a row that run the check at once; 0 when off
 * @param passiveTriggers how many runs reported failures triggered
 * @since 0.1.0
 */
public record CheckDescriptor(String name, String worker, String state, int consecutivePasses, int passingChecks,
		String reason, String lastFailure, String lastFailureAt, int reportedFailures, int passiveFailures,
		long passiveTriggers) {

	/**
	 * A check without passive checking.
	 * @param name the check's name
	 * @param worker the worker that runs it
	 * @param state {@code CONNECTED} or {@code DEGRADED}
	 * @param consecutivePasses passes in a row so far
	 * @param passingChecks passes in a row needed to become {@code CONNECTED}
	 * @param reason why it is {@code DEGRADED}, or {@code null}
	 * @param lastFailure the last failed check's exception, or {@code null}
	 * @param lastFailureAt when the last check failed, or {@code null}
	 */
	public CheckDescriptor(String name, String worker, String state, int consecutivePasses, int passingChecks,
			String reason, String lastFailure, String lastFailureAt) {
		this(name, worker, state, consecutivePasses, passingChecks, reason, lastFailure, lastFailureAt, 0, 0, 0);
	}

	static CheckDescriptor of(CheckSnapshot check, boolean details) {
		return new CheckDescriptor(check.name(), check.name() + "-check", check.state().name(),
				check.consecutivePasses(), check.passingChecks(), details ? check.reason() : typeOnly(check.reason()),
				details ? check.lastFailure() : typeOnly(check.lastFailure()),
				(check.lastFailureAt() != null) ? check.lastFailureAt().toString() : null, check.reportedFailures(),
				check.passiveFailures(), check.passiveTriggers());
	}

	/** @return the text up to the exception message's {@code ": "} (the exception's type), or as it is */
	private static String typeOnly(String text) {
		if (text == null) {
			return null;
		}
		int colon = text.indexOf(": ", text.startsWith("check failed: ") ? "check failed: ".length() : 0);
		return (colon >= 0) ? text.substring(0, colon) : text;
	}

}
