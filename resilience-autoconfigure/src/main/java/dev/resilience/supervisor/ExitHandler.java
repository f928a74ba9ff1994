package dev.resilience.supervisor;

/**
 * Receives a child's exit: the link from a child to its supervisor.
 *
 * <p>A child calls it at most once, from any thread, and never while it is being stopped.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExitHandler {

	/**
	 * Called when the child has exited on its own.
	 * @param exit why it exited
	 */
	void exited(Exit exit);

}
