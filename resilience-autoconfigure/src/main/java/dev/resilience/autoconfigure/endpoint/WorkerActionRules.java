package dev.resilience.autoconfigure.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.resilience.autoconfigure.settings.Durations;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;

/**
 * What the {@code supervisors} write operation refuses before it reaches the tree: pausing or
 * stopping the worker of a dependency check (readiness would stay frozen in whatever state the
 * check was in), and a trigger sooner than the minimum gap after the last one of that worker. The
 * tree itself refuses a trigger during a run. This class is threadsafe.
 */
final class WorkerActionRules {

	/** The property that sets the minimum gap. */
	static final String MIN_GAP_PROPERTY = "management.endpoint.supervisors.trigger-min-gap";

	private final Duration minGap;

	private final Clock clock;

	private final Map<String, Instant> lastTriggers = new ConcurrentHashMap<>();

	/**
	 * @param minGap the shortest time between two triggers of one worker ({@code 0s}: none)
	 * @param clock tells the time of triggers
	 */
	WorkerActionRules(Duration minGap, Clock clock) {
		if (minGap == null || minGap.isNegative()) {
			throw new IllegalArgumentException(MIN_GAP_PROPERTY + " must be 0s or more, not " + minGap);
		}
		this.minGap = minGap;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * @param tree the tree
	 * @param worker the worker's name
	 * @param action the action, normalized
	 * @throws IllegalStateException (409) if the action is refused, saying why
	 */
	void check(SupervisionTree tree, String worker, String action) {
		if ((action.equals("pause") || action.equals("stop")) && isCheck(tree, worker)) {
			throw new IllegalStateException("Worker '" + worker + "' runs a dependency check, which can be triggered "
					+ "but not " + (action.equals("pause") ? "paused" : "stopped")
					+ ": readiness would stay frozen in the check's current state");
		}
	}

	/**
	 * Takes a trigger's place, or refuses it when it comes sooner than the minimum gap.
	 * @param worker the worker's name
	 * @return the time taken, to {@link #release} if the tree refuses the trigger
	 * @throws IllegalStateException (409) if the last trigger was less than the gap ago
	 */
	Instant takeTrigger(String worker) {
		Instant now = this.clock.instant();
		Instant[] refusedAfter = new Instant[1];
		this.lastTriggers.compute(worker, (name, last) -> {
			if (last != null && now.isBefore(last.plus(this.minGap))) {
				refusedAfter[0] = last;
				return last;
			}
			return now;
		});
		if (refusedAfter[0] != null) {
			throw new IllegalStateException("Worker '" + worker + "' was triggered "
					+ Durations.text(Duration.between(refusedAfter[0], now)) + " ago; triggers of one worker are at least "
					+ Durations.text(this.minGap) + " apart (" + MIN_GAP_PROPERTY + ")");
		}
		return now;
	}

	/**
	 * @param worker the worker's name
	 * @param taken what {@link #takeTrigger} returned
	 */
	void release(String worker, Instant taken) {
		this.lastTriggers.remove(worker, taken);
	}

	private static boolean isCheck(SupervisionTree tree, String worker) {
		return tree.snapshot()
			.supervisors()
			.stream()
			.flatMap((branch) -> branch.workers().stream())
			.anyMatch((snapshot) -> snapshot.name().equals(worker) && snapshot.kind() == WorkerSnapshot.Kind.CHECK);
	}

}
