package dev.resilience.supervisor;

/**
 * What a {@link Supervisor} restarts when one of its children must be restarted, as in OTP.
 *
 * @since 0.1.0
 */
public enum Strategy {

	/** Restart only the child that exited. */
	ONE_FOR_ONE,

	/**
	 * Stop every other child (in reverse start order), then restart all of them in start order:
	 * the children share fate, as linked processes do.
	 */
	ONE_FOR_ALL,

	/**
	 * Stop the children started after the one that exited (in reverse start order), then restart
	 * the exited child and those after it, in start order.
	 */
	REST_FOR_ONE

}
