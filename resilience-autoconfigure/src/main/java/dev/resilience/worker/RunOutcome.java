package dev.resilience.worker;

/**
 * How one run of a worker ended.
 *
 * @since 0.1.0
 */
public enum RunOutcome {

	/** The run returned. */
	SUCCESS,

	/** The run threw: a crash. */
	FAILURE,

	/** The run took longer than the worker's timeout and was interrupted: a crash. */
	TIMEOUT;

	/** @return the name used as a meter tag: {@code success}, {@code failure} or {@code timeout} */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
