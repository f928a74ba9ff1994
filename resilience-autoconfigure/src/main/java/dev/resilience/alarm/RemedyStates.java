package dev.resilience.alarm;

/**
 * The states of Alarmist's remedy worker, the events that move it, and the whole transition
 * table in one function, {@link #next}; {@link RemedyRunner} acts on each transition. See
 * {@link RemedyRunner} for the table drawn out.
 */
final class RemedyStates {

	private RemedyStates() {
	}

	/**
	 * The transition table, all of it.
	 * @param from the current state
	 * @param event what happened
	 * @return the next state; {@code from} when the event changes nothing
	 */
	static State next(State from, Event event) {
		if (event == Event.REMOVED) {
			return State.CLEAR;
		}
		return switch (from) {
			case CLEAR -> (event == Event.SET) ? State.RUNNING : from;
			case RUNNING -> switch (event) {
				case CLEARED -> State.FINISHING_RUN;
				case CALLBACK_ENDED -> State.WAITING_TO_RETRY;
				default -> from; // a set never queues a second run
			};
			case FINISHING_RUN -> switch (event) {
				case SET -> State.RUNNING;
				case CALLBACK_ENDED -> State.CLEAR;
				default -> from;
			};
			case WAITING_TO_RETRY -> switch (event) {
				case RETRY_DUE -> State.RUNNING;
				case CLEARED -> State.CLEAR;
				default -> from;
			};
		};
	}

	/** Alarmist's remedy states. */
	enum State {

		CLEAR, RUNNING, FINISHING_RUN, WAITING_TO_RETRY;

		/** @return whether a run is in progress */
		boolean running() {
			return this == RUNNING || this == FINISHING_RUN;
		}

	}

	/** What moves the machine. */
	enum Event {

		/** The alarm was set. */
		SET,

		/** The alarm was cleared. */
		CLEARED,

		/** The callback returned, threw, or ran past its timeout. */
		CALLBACK_ENDED,

		/** The retry timer fired. */
		RETRY_DUE,

		/** The remedy was removed or replaced, or the alarms closed. */
		REMOVED

	}

}
