package dev.resilience.worker;

import java.time.Duration;
import java.util.List;

import dev.resilience.runtime.Listeners;


/**
 * Hears every run of every worker, and workers being parked and unparked: the hook for meters,
 * events and crash-loop alarms.
 *
 * <p>{@link #runFinished} is called on the thread that ran the worker, after the run, outside any
 * lock; {@link #parked} and {@link #unparked} on the thread of the check that changed state. An exception
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
	 * A worker was parked: a check it depends on is DEGRADED (or has not passed yet, at start),
	 * so no run starts until all its checks are CONNECTED.
	 * @param worker the worker's name
	 * @param waitingFor the checks it waits for that are DEGRADED
	 */
	default void parked(String worker, List<String> waitingFor) {
	}

	/**
	 * A parked worker was unparked: all its checks are CONNECTED; it runs on its next tick.
	 * @param worker the worker's name
	 */
	default void unparked(String worker) {
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
		if (all.size() == 1 && all.get(0) instanceof IsolatedListeners) {
			return all.get(0);
		}
		return new IsolatedListeners(new Listeners<>("Worker listener", all));
	}

}
