package dev.resilience.test;

import java.time.Instant;

import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.WorkerRuns;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on one worker as it was when its {@link WorkerSnapshot} was taken.
 *
 * @since 0.1.0
 */
public class WorkerAssert extends AbstractObjectAssert<WorkerAssert, WorkerSnapshot> {

	private final Integer restarts;

	WorkerAssert(WorkerSnapshot actual, Integer restarts) {
		super(actual, WorkerAssert.class);
		this.restarts = restarts;
	}

	/** @return this, if the worker is {@link WorkerSnapshot.State#RUNNING RUNNING} */
	public WorkerAssert isRunning() {
		return hasState(WorkerSnapshot.State.RUNNING);
	}

	/** @return this, if the worker is {@link WorkerSnapshot.State#PAUSED PAUSED} */
	public WorkerAssert isPaused() {
		return hasState(WorkerSnapshot.State.PAUSED);
	}

	/** @return this, if the worker is {@link WorkerSnapshot.State#PARKED PARKED} (waits for a check) */
	public WorkerAssert isParked() {
		return hasState(WorkerSnapshot.State.PARKED);
	}

	/** @return this, if the worker is {@link WorkerSnapshot.State#STOPPED STOPPED} */
	public WorkerAssert isStopped() {
		return hasState(WorkerSnapshot.State.STOPPED);
	}

	/**
	 * @param expected how many times the worker was restarted since the tree started it
	 * @return this
	 * @throws IllegalStateException if this assertion was made on a snapshot alone
	 */
	public WorkerAssert hasRestarted(int expected) {
		isNotNull();
		if (this.restarts == null) {
			throw new IllegalStateException("a snapshot does not know its restarts: use assertThat(tree).worker(\""
					+ this.actual.name() + "\")");
		}
		if (this.restarts != expected) {
			failWithMessage("Expected worker <%s> to have been restarted %s but it was restarted %s",
					this.actual.name(), times(expected), times(this.restarts));
		}
		return this;
	}

	/**
	 * @param expected how many runs of the worker ended, across its restarts
	 * @return this
	 */
	public WorkerAssert hasRun(long expected) {
		isNotNull();
		if (this.actual.runs() != expected) {
			failWithMessage("Expected worker <%s> to have run %s but it ran %s", this.actual.name(), times(expected),
					times(this.actual.runs()));
		}
		return this;
	}

	/**
	 * @param expected failed runs since the last successful one
	 * @return this
	 */
	public WorkerAssert hasConsecutiveFailures(int expected) {
		isNotNull();
		if (this.actual.consecutiveFailures() != expected) {
			failWithMessage("Expected worker <%s> to have %s failure(s) in a row but it had %s", this.actual.name(),
					expected, this.actual.consecutiveFailures());
		}
		return this;
	}

	/**
	 * @param type the exception type the worker's last failed run ended with
	 * @return this
	 */
	public WorkerAssert hasLastFailure(Class<? extends Throwable> type) {
		isNotNull();
		WorkerRuns.Failure failure = this.actual.lastFailure();
		if (failure == null) {
			failWithMessage("Expected worker <%s> to have last failed with %s but it never failed", this.actual.name(),
					type.getName());
		}
		else if (!failure.type().equals(type.getName())) {
			failWithMessage("Expected worker <%s> to have last failed with %s but it failed with %s: %s",
					this.actual.name(), type.getName(), failure.type(), failure.message());
		}
		return this;
	}

	/**
	 * @param expected when the worker's next run is due
	 * @return this
	 */
	public WorkerAssert hasNextRunAt(Instant expected) {
		isNotNull();
		if (!expected.equals(this.actual.nextRun())) {
			failWithMessage("Expected worker <%s> to run next at <%s> but %s", this.actual.name(), expected,
					(this.actual.nextRun() != null) ? "it runs next at <" + this.actual.nextRun() + ">"
							: "no run is scheduled");
		}
		return this;
	}

	private WorkerAssert hasState(WorkerSnapshot.State expected) {
		isNotNull();
		if (this.actual.state() != expected) {
			failWithMessage("Expected worker <%s> to be %s but it was %s", this.actual.name(), expected,
					this.actual.state());
		}
		return this;
	}

	private static String times(long n) {
		return (n == 1) ? "once" : n + " times";
	}

}
