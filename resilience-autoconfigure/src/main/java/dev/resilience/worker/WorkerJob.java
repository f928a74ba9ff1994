package dev.resilience.worker;

/**
 * The body of a periodic worker: one run.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkerJob {

	/**
	 * Runs once.
	 * @return {@code true} to be run again after the interval, {@code false} when the work is
	 * done: a normal exit, after which a {@code TRANSIENT} or {@code TEMPORARY} worker is not
	 * restarted
	 * @throws Exception a crash: the worker exits abnormally and its supervisor restarts it as
	 * its restart type says
	 */
	boolean runOnce() throws Exception;

}
