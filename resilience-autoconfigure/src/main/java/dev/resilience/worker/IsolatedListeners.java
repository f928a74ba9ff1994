package dev.resilience.worker;

import java.time.Duration;
import java.util.List;

import dev.resilience.runtime.Listeners;

/**
 * Worker listeners called in order, each isolated by {@link Listeners}: one that throws is
 * logged once and the others are still called.
 */
final class IsolatedListeners implements WorkerListener {

	private final Listeners<WorkerListener> group;

	IsolatedListeners(Listeners<WorkerListener> group) {
		this.group = group;
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		this.group.each(worker, (listener) -> listener.runFinished(worker, outcome, duration, failure));
	}

	@Override
	public void parked(String worker, List<String> waitingFor) {
		this.group.each(worker, (listener) -> listener.parked(worker, waitingFor));
	}

	@Override
	public void unparked(String worker) {
		this.group.each(worker, (listener) -> listener.unparked(worker));
	}

}
