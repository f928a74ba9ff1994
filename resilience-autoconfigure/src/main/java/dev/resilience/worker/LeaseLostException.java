package dev.resilience.worker;

/**
 * A cluster singleton's lease expired or moved to another instance. Thrown by
 * {@link Lease#checkHeld()}, and the failure of a run that ends after its lease was lost: its
 * outcome is {@link RunOutcome#LEASE_LOST}, a crash.
 *
 * @since 0.1.0
 */
public class LeaseLostException extends RuntimeException {

	/**
	 * @param message what was lost
	 * @param cause what the run threw after losing it, or {@code null}
	 */
	public LeaseLostException(String message, Throwable cause) {
		super(message, cause);
	}

}
