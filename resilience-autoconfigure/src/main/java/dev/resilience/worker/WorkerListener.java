package dev.resilience.worker;

import java.time.Duration;
import java.util.List;

import dev.resilience.runtime.Listeners;


/**
 * Hears every run of every worker: the hook for meters, events and crash-loop alarms.
 *
 * <p>Called on the thread that ran the worker, after the run, outside any lock. An exception
 * thrown by a listener is logged and otherwise ignored. Listeners should return quickly.
 *
 * @since 0.1.0
 */
public interface WorkerListener {

	/** A listener that does nothing. */
	WorkerListener NONE = new WorkerListener() {
	};

	/**
	 * A run ended.
	 * @param worker the worker's name
	 * @param outcome how it ended
	 * @param duration how long it took
	 * @param failure what it threw ({@link RunTimeoutException} for a timeout), or {@code null}
	 * after a success
	 */
	default void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
	}

	/**
	 * @param listeners listeners to call in order
	 * @return one listener calling each of them, isolated as {@link Listeners} does:
	 * {@link #NONE} when there is none, so that runs skip timing themselves
	 */
	static WorkerListener composite(List<? extends WorkerListener> listeners) {
		List<WorkerListener> all = listeners.stream().filter((listener) -> listener != NONE)
			.map(WorkerListener.class::cast).toList();
		if (all.isEmpty()) {
			return NONE;
		}
		Listeners<WorkerListener> group = new Listeners<>("Worker listener", all);
		return new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				group.each(worker, (listener) -> listener.runFinished(worker, outcome, duration, failure));
			}

		};
	}

}
