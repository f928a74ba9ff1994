package dev.resilience.worker;

import java.util.List;

import dev.resilience.runtime.Listeners;

/**
 * Calls a {@link RunObserver} for {@link PeriodicWorker} through {@link Listeners}, so that an
 * observer that throws costs a log line, never a run: an exception escaping a run would end the
 * worker's periodic task without an exit. An observer that fails is logged at WARN the first
 * time, at DEBUG after.
 */
final class RunObserverCalls {

	/** Returned when {@code runStarting} threw: there is then nothing to end. */
	private static final Object NOT_STARTED = new Object();

	private static final Listeners<RunObserver> observers = new Listeners<>("run observer", List.of());

	private RunObserverCalls() {
	}

	static Object starting(RunObserver observer, String worker) {
		return observers.call(observer, worker, (called) -> called.runStarting(worker), NOT_STARTED);
	}

	static void ended(RunObserver observer, Object token, String worker, RunOutcome outcome, Throwable failure) {
		if (token == NOT_STARTED) {
			return;
		}
		observers.call(observer, worker, (called) -> {
			called.runEnded(token, outcome, failure);
			return null;
		}, null);
	}

}
