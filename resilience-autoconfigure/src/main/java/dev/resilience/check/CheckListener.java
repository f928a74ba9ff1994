package dev.resilience.check;

import java.time.Duration;
import java.util.List;

import dev.resilience.runtime.Listeners;

/**
 * Hears checks run and change state: the hook for meters and events. Called on the check's
 * thread after the check, outside any lock; an exception thrown by a listener is logged (at WARN
 * the first time, then at DEBUG) and otherwise ignored.
 *
 * @since 0.1.0
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

	/**
	 * Failures reported in a row ({@link PassiveChecks}) made the check run at once: called on the
	 * check's thread as that run starts, before {@link #checked}.
	 * @param check the check's name
	 * @param failures the failures in a row reported by then
	 */
	default void triggered(String check, int failures) {
	}

	/**
	 * Combines listeners into one, each called through {@link Listeners}.
	 * @param listeners listeners to call in order
	 * @return one listener calling each of them, an exception from one neither reaching the
	 * caller nor keeping the others from being called
	 */
	static CheckListener composite(List<? extends CheckListener> listeners) {
		Listeners<CheckListener> all = new Listeners<>("check listener", listeners);
		return new CheckListener() {

			@Override
			public void checked(String check, boolean passed, Duration duration) {
				all.each(check, (listener) -> listener.checked(check, passed, duration));
			}

			@Override
			public void triggered(String check, int failures) {
				all.each(check, (listener) -> listener.triggered(check, failures));
			}

			@Override
			public void stateChanged(String check, CheckState from, CheckState to, String reason) {
				all.each(check, (listener) -> listener.stateChanged(check, from, to, reason));
			}

		};
	}

}
