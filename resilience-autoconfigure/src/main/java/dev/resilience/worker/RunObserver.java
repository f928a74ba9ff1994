package dev.resilience.worker;

/**
 * Observes each run of each worker from its start to its end, on the thread that runs it: the
 * hook for tracing. Unlike a {@link WorkerListener}, which hears a run after it ended, an
 * observer is called before the job starts, so it can make something current on the run thread
 * (a trace span, a logging context) while the job runs.
 *
 * <p>{@link #runStarting} and {@link #runEnded} are called on the same thread, in that order,
 * once per run; {@code runEnded} is called after the crash of a failed run is logged and before
 * worker listeners hear the run. An exception thrown by an observer is logged and otherwise
 * ignored: the run goes on. Runs of a runtime whose observer is {@link #NONE} call no observer
 * at all.
 *
 * @since 0.1.0
 */
public interface RunObserver {

	/** No observer: runs skip observing. */
	RunObserver NONE = new RunObserver() {

		@Override
		public Object runStarting(String worker) {
			return null;
		}

		@Override
		public void runEnded(Object token, RunOutcome outcome, Throwable failure) {
		}

	};

	/**
	 * A run is about to start on the current thread.
	 * @param worker the worker's name
	 * @return what {@link #runEnded} needs to end the observation, or {@code null}
	 */
	Object runStarting(String worker);

	/**
	 * The run that {@link #runStarting} returned {@code token} for has ended, on the same thread.
	 * @param token what {@code runStarting} returned
	 * @param outcome how the run ended
	 * @param failure what it threw ({@link RunTimeoutException} for a timeout), or {@code null}
	 * after a success
	 */
	void runEnded(Object token, RunOutcome outcome, Throwable failure);

}
