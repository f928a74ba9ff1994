package dev.resilience.tree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.resilience.alarm.Alarms;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckRunner;
import dev.resilience.check.CheckState;
import dev.resilience.worker.WorkerCycle;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuns;

/**
 * Parks and unparks the workers that depend on checks: a worker is parked while any check it
 * depends on is DEGRADED, which its {@link WorkerCycle} tells each of its ticks. Checks start
 * DEGRADED, so such a worker starts parked and first runs on its first tick after all its checks
 * are CONNECTED. Each change, including the parking of a worker as it is added, is told to the
 * worker listener ({@link WorkerListener#parked}, {@link WorkerListener#unparked}); every check
 * run is told to the {@link DependencyGate} of each worker that depends on the check, before the
 * check's state changes.
 *
 * <p>This class is thread-safe: check threads call it, and the decision for a worker is made
 * under one lock from the checks' current states, so two checks changing at once leave each
 * worker as their states say. The listener is never called under that lock: the changes are
 * queued under it and told after it is released, by one thread at a time, so the listener still
 * hears each worker's changes in order.
 */
final class Parking implements CheckListener {

	private final Map<String, CheckRunner> checks;

	private final WorkerListener listener;

	private final Map<String, Dependent> dependents = new LinkedHashMap<>();

	private final Queue<Runnable> told = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean telling = new AtomicBoolean();

	/**
	 * @param checks the tree's checks by name, filled while the tree is built
	 * @param listener hears workers being parked and unparked
	 */
	Parking(Map<String, CheckRunner> checks, WorkerListener listener) {
		this.checks = checks;
		this.listener = listener;
	}

	/**
	 * @param others the other check listeners
	 * @return one listener calling this one first, then the others, each isolated
	 */
	CheckListener first(List<CheckListener> others) {
		List<CheckListener> all = new ArrayList<>();
		all.add(this);
		all.addAll(others);
		return CheckListener.composite(all);
	}

	/**
	 * Adds a worker that depends on checks, once the checks are known, and parks it unless all
	 * of them are CONNECTED (checks start DEGRADED, so it starts parked).
	 * @param worker the worker's name
	 * @param checks the names of the checks it depends on, not empty
	 * @param runs its run record
	 * @param alarms the alarm list
	 * @param nanoTime the tree's monotonic time
	 * @return where its own alarms go
	 */
	DependencyGate add(String worker, List<String> checks, WorkerRuns runs, Alarms alarms, LongSupplier nanoTime) {
		DependencyGate gate = new DependencyGate(alarms, checks, runs, nanoTime);
		synchronized (this) {
			Dependent dependent = new Dependent(worker, List.copyOf(checks), gate);
			this.dependents.put(worker, dependent);
			decide(dependent);
		}
		tell();
		return gate;
	}

	/**
	 * Hands the worker's cycle to its parking: from now on, the decisions park and unpark it.
	 * @param worker the worker's name, {@link #add added} before
	 * @param cycle its cycle
	 */
	void attach(String worker, WorkerCycle cycle) {
		synchronized (this) {
			Dependent dependent = this.dependents.get(worker);
			dependent.cycle = cycle;
			apply(dependent);
		}
	}

	/**
	 * @param worker a worker's name
	 * @return the checks it depends on that are DEGRADED now; empty if none, or if it depends on
	 * none
	 */
	List<String> waitingFor(String worker) {
		Dependent dependent;
		synchronized (this) {
			dependent = this.dependents.get(worker);
		}
		return (dependent != null) ? degraded(dependent) : List.of();
	}

	@Override
	public void checked(String check, boolean passed, Duration duration) {
		for (Dependent dependent : on(check)) {
			dependent.gate.checked(check, passed, duration);
		}
	}

	@Override
	public void stateChanged(String check, CheckState from, CheckState to, String reason) {
		synchronized (this) {
			on(check).forEach(this::decide);
		}
		tell();
	}

	private synchronized List<Dependent> on(String check) {
		List<Dependent> on = new ArrayList<>();
		for (Dependent dependent : this.dependents.values()) {
			if (dependent.checks.contains(check)) {
				on.add(dependent);
			}
		}
		return on;
	}

	/** Under the lock: decides, applies and queues the news. */
	private void decide(Dependent dependent) {
		List<String> waitingFor = degraded(dependent);
		boolean parked = !waitingFor.isEmpty();
		if (parked == dependent.parked) {
			return;
		}
		dependent.parked = parked;
		apply(dependent);
		String worker = dependent.worker;
		this.told.add(parked ? () -> this.listener.parked(worker, waitingFor) : () -> this.listener.unparked(worker));
	}

	private void apply(Dependent dependent) {
		if (dependent.cycle != null) {
			if (dependent.parked) {
				dependent.cycle.park();
			}
			else {
				dependent.cycle.unpark();
			}
		}
	}

	/** Outside the lock: tells the queued news in order, one thread at a time. */
	private void tell() {
		while (!this.told.isEmpty() && this.telling.compareAndSet(false, true)) {
			try {
				Runnable next;
				while ((next = this.told.poll()) != null) {
					next.run();
				}
			}
			finally {
				this.telling.set(false);
			}
		}
	}

	private List<String> degraded(Dependent dependent) {
		return dependent.checks
			.stream()
			.filter((check) -> this.checks.get(check).state() != CheckState.CONNECTED)
			.toList();
	}

	/** A worker that depends on checks; its mutable fields are guarded by the parking's lock. */
	private static final class Dependent {

		private final String worker;

		private final List<String> checks;

		private final DependencyGate gate;

		private boolean parked;

		private WorkerCycle cycle;

		Dependent(String worker, List<String> checks, DependencyGate gate) {
			this.worker = worker;
			this.checks = checks;
			this.gate = gate;
		}

	}

}
