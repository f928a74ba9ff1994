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
	TIMEOUT,

	/**
	 * A cluster singleton's run ended after its lease was lost (a renewal failed, or the lease
	 * moved): it was interrupted, and counts as a crash.
	 */
	LEASE_LOST;

	/**
	 * @return the name used as a meter tag: {@code success}, {@code failure}, {@code timeout} or
	 * {@code lease_lost}
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
