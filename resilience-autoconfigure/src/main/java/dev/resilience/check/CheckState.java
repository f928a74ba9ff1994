package dev.resilience.check;

/**
 * The state of a dependency as its check sees it.
 *
 * @since 0.1.0
 */
public enum CheckState {

	/** Enough checks in a row passed. */
	CONNECTED,

	/** A check failed, or not enough have passed yet: where every check starts. */
	DEGRADED

}
