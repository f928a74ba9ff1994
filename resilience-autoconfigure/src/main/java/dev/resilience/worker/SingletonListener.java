package dev.resilience.worker;

/**
 * Hears the lock attempts of cluster-singleton workers: for meters, alarms and status. Called on
 * the worker's thread; an exception thrown by a listener is logged and otherwise ignored.
 */
public interface SingletonListener {

	/** A listener that does nothing. */
	SingletonListener NONE = new SingletonListener() {
	};

	/**
	 * This instance took the lock and is about to run the worker.
	 * @param worker the worker's name
	 */
	default void acquired(String worker) {
	}

	/**
	 * This instance released the lock after a run.
	 * @param worker the worker's name
	 */
	default void released(String worker) {
	}

	/**
	 * Another instance holds the lock: this run is skipped. Not a crash.
	 * @param worker the worker's name
	 */
	default void skipped(String worker) {
	}

	/**
	 * The lock store could not be reached: this run is skipped, so that no two instances run.
	 * Not a crash.
	 * @param worker the worker's name
	 * @param failure what went wrong
	 */
	default void unavailable(String worker, Throwable failure) {
	}

}
