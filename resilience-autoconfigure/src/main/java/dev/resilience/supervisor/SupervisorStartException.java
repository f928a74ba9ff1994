package dev.resilience.supervisor;

/**
 * Thrown when a child of a supervisor fails to start: the supervisor has stopped the children
 * it had started and failed.
 *
 * @since 0.1.0
 */
public class SupervisorStartException extends RuntimeException {

	/** The supervisor's id. */
	private final String supervisor;

	/** The id of the child that failed to start. */
	private final String child;

	/**
	 * @param supervisor the supervisor's id
	 * @param child the id of the child that failed to start
	 * @param cause why it failed
	 */
	public SupervisorStartException(String supervisor, String child, Throwable cause) {
		super("Supervisor '" + supervisor + "' failed to start child '" + child + "': " + cause, cause);
		this.supervisor = supervisor;
		this.child = child;
	}

	/** @return the supervisor's id */
	public String getSupervisor() {
		return this.supervisor;
	}

	/** @return the id of the child that failed to start */
	public String getChild() {
		return this.child;
	}

}
