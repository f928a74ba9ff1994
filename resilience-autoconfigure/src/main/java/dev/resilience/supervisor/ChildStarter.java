package dev.resilience.supervisor;

/**
 * Starts a fresh child: called by a {@link Supervisor} when the child starts and on every
 * restart, so each call should build a new child with clean state.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ChildStarter {

	/**
	 * Starts a child.
	 * @param exitHandler where the child must report its exit when it exits on its own
	 * @return the started child
	 * @throws Exception if the child could not start; its supervisor then treats it as OTP
	 * treats a failing {@code start} function
	 */
	Child start(ExitHandler exitHandler) throws Exception;

}
