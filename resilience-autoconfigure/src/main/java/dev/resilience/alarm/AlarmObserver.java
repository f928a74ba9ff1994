package dev.resilience.alarm;

import java.time.Duration;
import java.util.List;

import dev.resilience.runtime.Listeners;

/**
 * Hears what {@link Alarms} does, for meters: transitions, severity changes, handler failures and
 * remedy runs. With managed alarms it hears the visible state only: what a debounce or hold kept
 * from everyone, it never hears.
 * Called synchronously on the thread where it happened, possibly while an internal lock is held:
 * it must be quick and must not call back into {@link Alarms}. An exception thrown by an observer
 * is logged (at WARN the first time, then at DEBUG) and otherwise ignored.
 *
 * @since 0.1.0
 */
public interface AlarmObserver {

	/** An observer that does nothing. */
	AlarmObserver NONE = new AlarmObserver() {
	};

	/**
	 * An alarm was set or cleared.
	 * @param transition what happened
	 */
	default void transition(AlarmTransition transition) {
	}

	/**
	 * A set alarm was set again with another severity: no transition, the alarm stays set.
	 * @param alarm the alarm with its new severity
	 * @param previous its severity before
	 */
	default void severityChanged(Alarm alarm, Severity previous) {
	}

	/**
	 * A handler threw, timed out, or could not keep up (its queue was full).
	 * @param handler the handler's name
	 * @param failure what went wrong
	 */
	default void handlerFailed(String handler, Throwable failure) {
	}

	/**
	 * A remedy callback ended.
	 * @param alarm the alarm's id
	 * @param outcome how it ended
	 * @param duration how long it ran
	 */
	default void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
	}

	/**
	 * Combines observers into one, each called through {@link Listeners}.
	 * @param observers observers to call in order
	 * @return one observer calling each of them, an exception from one neither reaching the
	 * caller nor keeping the others from being called
	 */
	static AlarmObserver composite(List<? extends AlarmObserver> observers) {
		Listeners<AlarmObserver> all = new Listeners<>("alarm observer", observers);
		return new AlarmObserver() {

			@Override
			public void transition(AlarmTransition transition) {
				all.each(transition.alarm().id(), (observer) -> observer.transition(transition));
			}

			@Override
			public void severityChanged(Alarm alarm, Severity previous) {
				all.each(alarm.id(), (observer) -> observer.severityChanged(alarm, previous));
			}

			@Override
			public void handlerFailed(String handler, Throwable failure) {
				all.each(handler, (observer) -> observer.handlerFailed(handler, failure));
			}

			@Override
			public void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
				all.each(alarm, (observer) -> observer.remedyRun(alarm, outcome, duration));
			}

		};
	}

}
