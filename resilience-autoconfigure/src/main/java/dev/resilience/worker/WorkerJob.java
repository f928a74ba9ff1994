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

	/**
	 * Runs once, knowing its context: the worker's name and, for a cluster singleton on leases,
	 * its lease. A job that takes a {@link RunContext} overrides this; the default ignores it.
	 * @param context the run's context
	 * @return as {@link #runOnce()}
	 * @throws Exception as {@link #runOnce()}
	 */
	default boolean runOnce(RunContext context) throws Exception {
		return runOnce();
	}

}
