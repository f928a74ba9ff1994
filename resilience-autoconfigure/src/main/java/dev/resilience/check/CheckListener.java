package dev.resilience.check;

import java.time.Duration;

/**
 * Hears checks run and change state: the hook for meters and events. Called on the check's
 * thread after the check, outside any lock; an exception thrown by a listener is logged and
 * otherwise ignored.
 */
public interface CheckListener {

	/** A listener that does nothing. */
	CheckListener NONE = new CheckListener() {
	};

	/**
	 * A check ran.
	 * @param check the check's name
	 * @param passed whether it passed
	 * @param duration how long it took
	 */
	default void checked(String check, boolean passed, Duration duration) {
	}

	/**
	 * A check changed state.
	 * @param check the check's name
	 * @param from the state before
	 * @param to the state now
	 * @param reason why, for people
	 */
	default void stateChanged(String check, CheckState from, CheckState to, String reason) {
	}

}
