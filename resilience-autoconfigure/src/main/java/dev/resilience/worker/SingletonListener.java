package dev.resilience.worker;

import java.util.List;

import dev.resilience.runtime.Listeners;

/**
 * Hears the lock attempts and lease events of cluster-singleton workers: for meters, alarms and status. Called on
 * the worker's thread; an exception thrown by a listener is logged and otherwise ignored.
 *
 * @since 0.1.0
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

	/**
	 * This instance's hold on a lease changed (cluster singletons on leases only). Called on a
	 * run thread.
	 * @param worker the worker's name
	 * @param event what happened
	 */
	default void lease(String worker, LeaseEvent event) {
	}

	/**
	 * @param listeners listeners to call in order
	 * @return one listener calling each of them, isolated as {@link Listeners} does
	 */
	static SingletonListener composite(List<? extends SingletonListener> listeners) {
		Listeners<SingletonListener> all = new Listeners<>("Singleton listener", listeners);
		return new SingletonListener() {

			@Override
			public void acquired(String worker) {
				all.each(worker, (listener) -> listener.acquired(worker));
			}

			@Override
			public void released(String worker) {
				all.each(worker, (listener) -> listener.released(worker));
			}

			@Override
			public void skipped(String worker) {
				all.each(worker, (listener) -> listener.skipped(worker));
			}

			@Override
			public void unavailable(String worker, Throwable failure) {
				all.each(worker, (listener) -> listener.unavailable(worker, failure));
			}

			@Override
			public void lease(String worker, LeaseEvent event) {
				all.each(worker, (listener) -> listener.lease(worker, event));
			}

		};
	}

}
