package dev.resilience.alarm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The alarms everyone sees: health (through the counts by severity), the endpoint, handlers,
 * remedies, observers and meters. A change here is a transition: it goes into the history, to
 * every handler's queue and to the remedy of the alarm, and comes back as the notice the
 * observers are to hear, outside the lock.
 *
 * <p><b>Threading.</b> Not thread-safe: {@link Alarms} and {@link AlarmDamper} use it under the
 * alarm list's lock, so transitions reach handlers and remedies in the order they happened.
 */
final class VisibleAlarms {

	private final Map<String, Alarm> active = new HashMap<>();

	private final int[] activeBySeverity = new int[Severity.values().length];

	private final TransitionLog history;

	private final List<HandlerDispatcher> dispatchers;

	private final Remedies remedies;

	private final Clock clock;

	/**
	 * @param historySize how many recent transitions to keep
	 * @param dispatchers the handlers' queues
	 * @param remedies the remedies, told of each transition
	 * @param clock dates the transitions
	 */
	VisibleAlarms(int historySize, List<HandlerDispatcher> dispatchers, Remedies remedies, Clock clock) {
		this.history = new TransitionLog(historySize);
		this.dispatchers = dispatchers;
		this.remedies = remedies;
		this.clock = clock;
	}

	/**
	 * Shows an alarm that is not visible.
	 * @param alarm the alarm
	 * @return what the observers are to hear
	 */
	Consumer<AlarmObserver> show(Alarm alarm) {
		this.active.put(alarm.id(), alarm);
		this.activeBySeverity[alarm.severity().ordinal()]++;
		AlarmTransition transition = record(AlarmTransition.Action.SET, alarm);
		this.remedies.alarmSet(alarm.id());
		return (observer) -> observer.transition(transition);
	}

	/**
	 * Updates the severity and description of a visible alarm, keeping its set time: no
	 * transition.
	 * @param id the alarm's id
	 * @param severity its new severity
	 * @param description its new description
	 * @return what the observers are to hear, {@code null} unless the severity changed
	 */
	Consumer<AlarmObserver> update(String id, Severity severity, String description) {
		Alarm current = this.active.get(id);
		Alarm updated = new Alarm(id, severity, description, current.setAt());
		this.active.put(id, updated);
		if (current.severity() == severity) {
			return null;
		}
		this.activeBySeverity[current.severity().ordinal()]--;
		this.activeBySeverity[severity.ordinal()]++;
		return (observer) -> observer.severityChanged(updated, current.severity());
	}

	/**
	 * Clears a visible alarm.
	 * @param id the alarm's id
	 * @return what the observers are to hear
	 */
	Consumer<AlarmObserver> hide(String id) {
		Alarm alarm = this.active.remove(id);
		this.activeBySeverity[alarm.severity().ordinal()]--;
		AlarmTransition transition = record(AlarmTransition.Action.CLEARED, alarm);
		this.remedies.alarmCleared(id);
		return (observer) -> observer.transition(transition);
	}

	/**
	 * @param id an alarm's id
	 * @return the alarm if it is visible, else {@code null}
	 */
	Alarm get(String id) {
		return this.active.get(id);
	}

	/** @return the worst severity among the visible alarms, empty when there is none */
	Optional<Severity> worstSeverity() {
		for (Severity severity : Severity.values()) {
			if (this.activeBySeverity[severity.ordinal()] > 0) {
				return Optional.of(severity);
			}
		}
		return Optional.empty();
	}

	/**
	 * @param severity a severity
	 * @return how many visible alarms have it
	 */
	int count(Severity severity) {
		return this.activeBySeverity[severity.ordinal()];
	}

	/** @return the visible alarms, in no order */
	List<Alarm> all() {
		return new ArrayList<>(this.active.values());
	}

	/** @return the most recent visible transitions, oldest first */
	List<AlarmTransition> history() {
		return this.history.list();
	}

	private AlarmTransition record(AlarmTransition.Action action, Alarm alarm) {
		AlarmTransition transition = new AlarmTransition(action, alarm, this.clock.instant());
		this.history.add(transition);
		for (HandlerDispatcher dispatcher : this.dispatchers) {
			dispatcher.offer(transition);
		}
		return transition;
	}

}
