package dev.resilience.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a {@link RunObserver} for {@link PeriodicWorker} so that an observer that throws costs a
 * log line, never a run: an exception escaping a run would end the worker's periodic task
 * without an exit. An observer class that fails is logged at WARN the first time, at DEBUG after.
 */
final class RunObserverCalls {

	private static final Logger logger = LoggerFactory.getLogger(RunObserverCalls.class);

	/** Returned when {@code runStarting} threw: there is then nothing to end. */
	private static final Object NOT_STARTED = new Object();

	private static final Set<Class<?>> reported = ConcurrentHashMap.newKeySet();

	private RunObserverCalls() {
	}

	static Object starting(RunObserver observer, String worker) {
		try {
			return observer.runStarting(worker);
		}
		catch (RuntimeException ex) {
			failed(observer, worker, ex);
			return NOT_STARTED;
		}
	}

	static void ended(RunObserver observer, Object token, String worker, RunOutcome outcome, Throwable failure) {
		if (token == NOT_STARTED) {
			return;
		}
		try {
			observer.runEnded(token, outcome, failure);
		}
		catch (RuntimeException ex) {
			failed(observer, worker, ex);
		}
	}

	private static void failed(RunObserver observer, String worker, RuntimeException failure) {
		if (reported.add(observer.getClass())) {
			logger.warn("Run observer {} failed for worker '{}'; later failures of this observer are logged at DEBUG",
					observer.getClass().getName(), worker, failure);
		}
		else {
			logger.debug("Run observer {} failed for worker '{}'", observer.getClass().getName(), worker, failure);
		}
	}

}
