package dev.resilience.worker;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The state machine of one {@link PeriodicWorker} incarnation, its transitions in one function
 * ({@link #next}), applied lock-free:
 *
 * <pre>
 * SCHEDULED --run due-->              RUNNING
 * RUNNING   --run completed-->        SCHEDULED
 * RUNNING   --run exited-->           EXITED     (threw, timed out, or returned false)
 * SCHEDULED --pause-->                PAUSED     (no run starts; not a crash)
 * RUNNING   --pause-->                PAUSING    (the run finishes, then PAUSED)
 * PAUSED    --resume-->               SCHEDULED
 * PAUSING   --resume-->               RUNNING
 * PAUSING   --run completed-->        PAUSED
 * PAUSING   --run exited-->           EXITED
 * SCHEDULED --park-->                 PARKED     (a tick found a check it depends on DEGRADED)
 * PARKED    --unpark-->               SCHEDULED  (a tick found all its checks CONNECTED)
 * PARKED    --pause-->                PAUSED     (resumed, it is SCHEDULED, and parks again on its next tick)
 * SCHEDULED, PAUSED, PARKED --stop--> STOPPED
 * RUNNING, PAUSING  --stop-->         STOPPING   (the run gets its shutdown timeout)
 * STOPPING  --run completed/exited--> STOPPED
 * </pre>
 *
 * Every other event leaves the state as it is. Parking is decided tick by tick from the worker's
 * {@link WorkerRuns#parked()} flag, so a run in progress is never parked: it ends as it would, and
 * the next tick parks the worker. This class is thread-safe.
 */
final class IncarnationState {

	private final AtomicReference<State> state;

	IncarnationState(boolean paused) {
		this.state = new AtomicReference<>(paused ? State.PAUSED : State.SCHEDULED);
	}

	State get() {
		return this.state.get();
	}

	/**
	 * Applies an event.
	 * @return the state it was applied in; the caller acts on the transition it made
	 */
	State transition(Event event) {
		while (true) {
			State from = this.state.get();
			State to = next(from, event);
			if (to == from || this.state.compareAndSet(from, to)) {
				return from;
			}
		}
	}

	/** The transition table: the state after {@code event} in state {@code from}. */
	static State next(State from, Event event) {
		return switch (event) {
			case RUN_DUE -> (from == State.SCHEDULED) ? State.RUNNING : from;
			case RUN_COMPLETED -> switch (from) {
				case RUNNING -> State.SCHEDULED;
				case PAUSING -> State.PAUSED;
				case STOPPING -> State.STOPPED;
				default -> from;
			};
			case RUN_EXITED -> switch (from) {
				case RUNNING, PAUSING -> State.EXITED;
				case STOPPING -> State.STOPPED;
				default -> from;
			};
			case PAUSE -> switch (from) {
				case SCHEDULED, PARKED -> State.PAUSED;
				case RUNNING -> State.PAUSING;
				default -> from;
			};
			case RESUME -> switch (from) {
				case PAUSED -> State.SCHEDULED;
				case PAUSING -> State.RUNNING;
				default -> from;
			};
			case PARK -> (from == State.SCHEDULED) ? State.PARKED : from;
			case UNPARK -> (from == State.PARKED) ? State.SCHEDULED : from;
			case STOP -> switch (from) {
				case SCHEDULED, PAUSED, PARKED -> State.STOPPED;
				case RUNNING, PAUSING -> State.STOPPING;
				default -> from;
			};
		};
	}

	/** The life of one incarnation. */
	enum State {

		SCHEDULED, RUNNING, PAUSED, PAUSING, PARKED, STOPPING, STOPPED, EXITED

	}

	/** What happens to an incarnation. */
	enum Event {

		RUN_DUE, RUN_COMPLETED, RUN_EXITED, PAUSE, RESUME, PARK, UNPARK, STOP

	}

}
