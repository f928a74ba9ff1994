package dev.resilience.runtime;

/**
 * How the runtime describes a failure to people, in alarms, statuses and log lines: the
 * exception's class name, and its message when it has one, cut to
 * {@value UserText#MAX_LENGTH} characters ({@link UserText#cut}).
 *
 * @since 0.1.0
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * @param failure what was thrown
	 * @return {@code java.lang.IllegalStateException: Invalid payment for job 42}, or the class
	 * name alone when there is no message; at most {@value UserText#MAX_LENGTH} characters
	 */
	public static String describe(Throwable failure) {
		return UserText.cut((failure.getMessage() != null)
				? failure.getClass().getName() + ": " + failure.getMessage() : failure.getClass().getName());
	}

}
