package dev.resilience.tree;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.WorkerRuns;

/**
 * Holds back the alarms a worker that depends on checks raises about itself until its checks
 * say whose fault it was. A failure of such a worker often comes from the dependency itself,
 * seconds before its check notices (a run that waits on a dead database fails when its
 * connection times out), so:
 * <ul>
 * <li>a set of an alarm that is already set goes through (it only updates the description);</li>
 * <li>a set while the worker is parked is dropped: a check it depends on is DEGRADED;</li>
 * <li>any other set waits until every check the worker depends on has passed a check that
 * started after it, and then goes through; if one of them fails a check first, it is dropped
 * (a worker is parked only after such a failure, which its checks report here first);</li>
 * <li>a clear drops a set that waits, and goes through.</li>
 * </ul>
 * A worker that keeps failing while its dependencies are fine thus raises its alarm at most one
 * check interval (plus the check's run) later than it would without dependencies.
 *
 * <p>This class is thread-safe: worker and check threads call it; every method takes its lock,
 * which is held only to update the waiting sets, never while calling the alarm list.
 */
final class DependencyGate implements WorkerAlarms {

	private final Alarms alarms;

	private final List<String> checks;

	private final WorkerRuns runs;

	private final LongSupplier nanoTime;

	private final Map<String, Waiting> waiting = new LinkedHashMap<>();

	/**
	 * @param alarms the alarm list
	 * @param checks the checks the worker depends on, not empty
	 * @param runs the worker's run record, which says whether it is parked
	 */
	DependencyGate(Alarms alarms, List<String> checks, WorkerRuns runs) {
		this(alarms, checks, runs, System::nanoTime);
	}

	/**
	 * @param alarms the alarm list
	 * @param checks the checks the worker depends on, not empty
	 * @param runs the worker's run record, which says whether it is parked
	 * @param nanoTime the tree's monotonic time ({@link dev.resilience.runtime.Timer#nanoTime()})
	 */
	DependencyGate(Alarms alarms, List<String> checks, WorkerRuns runs, LongSupplier nanoTime) {
		this.alarms = alarms;
		this.checks = List.copyOf(checks);
		this.runs = runs;
		this.nanoTime = nanoTime;
	}

	@Override
	public void set(String id, Severity severity, String description) {
		if (this.alarms.isSet(id)) {
			this.alarms.set(id, severity, description);
			return;
		}
		synchronized (this) {
			if (this.runs.parked()) {
				this.waiting.remove(id);
				return;
			}
			Waiting before = this.waiting.get(id);
			long since = (before != null) ? before.sinceNanos() : this.nanoTime.getAsLong();
			Set<String> confirmed = (before != null) ? before.confirmedBy() : new HashSet<>();
			this.waiting.put(id, new Waiting(severity, description, since, confirmed));
		}
	}

	@Override
	public void clear(String id) {
		synchronized (this) {
			this.waiting.remove(id);
		}
		this.alarms.clear(id);
	}

	/**
	 * A check ran.
	 * @param check the check's name, one the worker depends on
	 * @param passed whether it passed
	 * @param duration how long it took
	 */
	void checked(String check, boolean passed, Duration duration) {
		long startedNanos = this.nanoTime.getAsLong() - duration.toNanos();
		Map<String, Waiting> confirmed = new LinkedHashMap<>();
		synchronized (this) {
			if (this.waiting.isEmpty()) {
				return;
			}
			if (!passed) {
				this.waiting.clear();
				return;
			}
			this.waiting.entrySet().removeIf((entry) -> {
				Waiting set = entry.getValue();
				if (startedNanos - set.sinceNanos() >= 0) {
					set.confirmedBy().add(check);
				}
				if (set.confirmedBy().containsAll(this.checks)) {
					confirmed.put(entry.getKey(), set);
					return true;
				}
				return false;
			});
		}
		confirmed.forEach((id, set) -> this.alarms.set(id, set.severity(), set.description()));
	}

	/** @return the ids of the sets that wait for the checks */
	synchronized Set<String> waiting() {
		return Set.copyOf(this.waiting.keySet());
	}

	private record Waiting(Severity severity, String description, long sinceNanos, Set<String> confirmedBy) {
	}

}
