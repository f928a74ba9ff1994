package dev.resilience.autoconfigure.settings;

/**
 * What the application does when the root supervisor gives up.
 *
 * @since 0.1.0
 */
public enum OnExhausted {

	/** Publish LivenessState.BROKEN, so an orchestrator restarts the instance. */
	LIVENESS,

	/** Close the application context and exit the JVM with status 1. */
	SHUTDOWN,

	/** Only log; the application keeps running without its workers. */
	LOG

}
