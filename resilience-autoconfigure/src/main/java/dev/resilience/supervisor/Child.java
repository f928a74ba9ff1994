package dev.resilience.supervisor;

import java.time.Duration;

/**
 * A started child of a {@link Supervisor}: a periodic worker, a nested supervisor, or anything
 * else that reports its exit through the {@link ExitHandler} it was started with.
 *
 * <p>Implementations must be thread-safe: {@link #stop(Duration)} may be called from any thread,
 * also while the child is reporting its own exit.
 *
 * @since 0.1.0
 */
public interface Child {

	/**
	 * Stops this child and returns once it has stopped: OTP's shutdown. Work in progress gets
	 * {@code shutdownTimeout} to finish, then is interrupted. A child that is stopped does not
	 * report an exit through its {@link ExitHandler}. Calling this on a stopped child does
	 * nothing.
	 * @param shutdownTimeout how long work in progress may take to finish
	 */
	void stop(Duration shutdownTimeout);

}
