package dev.resilience.worker;

import java.time.Duration;

/**
 * The crash of a run that took longer than its worker's timeout and was interrupted.
 *
 * @since 0.1.0
 */
public class RunTimeoutException extends RuntimeException {

	/**
	 * @param worker the worker's name
	 * @param timeout the timeout it exceeded
	 * @param cause what the interrupted run threw, or {@code null}
	 */
	public RunTimeoutException(String worker, Duration timeout, Throwable cause) {
		super("Worker '" + worker + "' ran longer than its timeout of " + timeout + " and was interrupted", cause);
	}

}
