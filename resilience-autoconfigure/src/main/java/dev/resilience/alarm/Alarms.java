package dev.resilience.alarm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Watchdog;

/**
 * The alarm list: any code may {@link #set} and {@link #clear} alarms, as with SASL's
 * {@code alarm_handler}; {@link AlarmHandler handlers} hear every transition; a
 * {@linkplain #addRemedy remedy} per alarm id tries to fix what stays wrong.
 *
 * <p>Setting a set alarm again updates its severity and description without a second set
 * transition; clearing a clear alarm does nothing. The {@linkplain #history() history} keeps the
 * most recent transitions only.
 *
 * <p>Handler calls and remedy callbacks are timed by one {@link Watchdog}; remedy retry timers run
 * on a scheduler; set times and history read the clock. Each can be given to the
 * {@linkplain #builder() builder}; what is not given, the alarm list starts itself and stops in
 * {@link #close()}, which leaves what was given running. Observers are called through
 * {@link Listeners}: one that throws is logged once and keeps neither the others nor the caller
 * from going on.
 *
 * <p><b>Threading.</b> This class is thread-safe. Transitions are serialized under one lock and
 * handed, in that order, to each handler's own queue and thread, so every handler sees the
 * transitions of an alarm id in the order they happened, and no caller ever waits for a handler.
 * Remedy callbacks run on a pool of their own. {@link #close()} stops handler and remedy
 * threads.
 *
 * @since 0.1.0
 */
public final class Alarms implements AutoCloseable {

	private final Object lock = new Object();

	private final Map<String, Alarm> active = new HashMap<>();

	private final int[] activeBySeverity = new int[Severity.values().length];

	private final ArrayDeque<AlarmTransition> history;

	private final int historySize;

	private final List<HandlerDispatcher> dispatchers = new ArrayList<>();

	private final Clock clock;

	private final Listeners<AlarmObserver> observers;

	private final Watchdog watchdog;

	private final boolean ownsWatchdog;

	private final Remedies remedies;

	Alarms(AlarmsBuilder builder) {
		this.clock = builder.clock;
		this.observers = new Listeners<>("alarm observer", List.of(builder.observer));
		this.historySize = builder.historySize;
		this.history = new ArrayDeque<>(Math.min(builder.historySize, 1024));
		this.ownsWatchdog = builder.watchdog == null;
		this.watchdog = this.ownsWatchdog ? Watchdog.start("resilience-alarm-watchdog") : builder.watchdog;
		this.remedies = new Remedies(builder.scheduler, this.watchdog, this.observers);
		for (AlarmHandler handler : builder.handlers) {
			this.dispatchers.add(new HandlerDispatcher(handler, builder.handlerQueueCapacity, builder.handlerTimeout,
					this.watchdog, this::handlerFailed));
		}
	}

	/**
	 * @return a builder with no handlers, a history of 100 transitions, the system clock, and a
	 * watchdog and a scheduler of the alarm list's own
	 */
	public static AlarmsBuilder builder() {
		return new AlarmsBuilder();
	}

	/**
	 * Sets an alarm, or updates the severity and description of a set one.
	 * @param id the alarm's id
	 * @param severity how bad it is
	 * @param description what is wrong, for people
	 */
	public void set(String id, Severity severity, String description) {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(severity, "severity");
		AlarmTransition transition;
		synchronized (this.lock) {
			Alarm current = this.active.get(id);
			if (current != null) {
				this.active.put(id, new Alarm(id, severity, description, current.setAt()));
				this.activeBySeverity[current.severity().ordinal()]--;
				this.activeBySeverity[severity.ordinal()]++;
				return;
			}
			Alarm alarm = new Alarm(id, severity, description, this.clock.instant());
			this.active.put(id, alarm);
			this.activeBySeverity[severity.ordinal()]++;
			transition = record(AlarmTransition.Action.SET, alarm);
			this.remedies.alarmSet(id);
		}
		observe(transition);
	}

	/**
	 * Sets a {@link Severity#MAJOR} alarm.
	 * @param id the alarm's id
	 * @param description what is wrong, for people
	 */
	public void set(String id, String description) {
		set(id, Severity.MAJOR, description);
	}

	/**
	 * Clears an alarm; does nothing if it is not set.
	 * @param id the alarm's id
	 */
	public void clear(String id) {
		AlarmTransition transition;
		synchronized (this.lock) {
			Alarm alarm = this.active.remove(id);
			if (alarm == null) {
				return;
			}
			this.activeBySeverity[alarm.severity().ordinal()]--;
			transition = record(AlarmTransition.Action.CLEARED, alarm);
			this.remedies.alarmCleared(id);
		}
		observe(transition);
	}

	/**
	 * @param id an alarm's id
	 * @return whether it is set
	 */
	public boolean isSet(String id) {
		synchronized (this.lock) {
			return this.active.containsKey(id);
		}
	}

	/**
	 * @return the worst severity among the set alarms, empty when none is set; cheap, for health
	 * checks polled by load balancers
	 */
	public Optional<Severity> worstSeverity() {
		synchronized (this.lock) {
			for (Severity severity : Severity.values()) {
				if (this.activeBySeverity[severity.ordinal()] > 0) {
					return Optional.of(severity);
				}
			}
			return Optional.empty();
		}
	}

	/**
	 * @param severity a severity
	 * @return how many set alarms have it
	 */
	public int count(Severity severity) {
		synchronized (this.lock) {
			return this.activeBySeverity[severity.ordinal()];
		}
	}

	/** @return the set alarms, worst severity first, then oldest first */
	public List<Alarm> active() {
		List<Alarm> alarms;
		synchronized (this.lock) {
			alarms = new ArrayList<>(this.active.values());
		}
		alarms.sort(Comparator.comparing(Alarm::severity).thenComparing(Alarm::setAt).thenComparing(Alarm::id));
		return List.copyOf(alarms);
	}

	/** @return the most recent transitions, oldest first */
	public List<AlarmTransition> history() {
		synchronized (this.lock) {
			return List.copyOf(this.history);
		}
	}

	/**
	 * Adds the remedy of an alarm, replacing an earlier one. If the alarm is set, the remedy
	 * runs at once.
	 * @param id the alarm's id
	 * @param callback what to do about it
	 * @param callbackTimeout how long one run may take before it is interrupted
	 * @param retryTimeout how long after a run, while the alarm stays set, it runs again;
	 * {@code null} to run once per set
	 */
	public void addRemedy(String id, RemedyCallback callback, Duration callbackTimeout, Duration retryTimeout) {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(callback, "callback");
		Objects.requireNonNull(callbackTimeout, "callbackTimeout");
		requirePositive("callbackTimeout", callbackTimeout, id);
		if (retryTimeout != null) {
			requirePositive("retryTimeout", retryTimeout, id);
		}
		synchronized (this.lock) {
			this.remedies.add(id, callback, callbackTimeout, retryTimeout, this.active.containsKey(id));
		}
	}

	/**
	 * Removes the remedy of an alarm, interrupting a run in progress.
	 * @param id the alarm's id
	 */
	public void removeRemedy(String id) {
		synchronized (this.lock) {
			this.remedies.remove(id);
		}
	}

	/**
	 * Removes every remedy, interrupting runs in progress, delivers pending transitions to
	 * handlers (for up to 5 seconds), then stops every thread the alarm list started. A watchdog
	 * or scheduler given to the builder is left running.
	 */
	@Override
	public void close() {
		synchronized (this.lock) {
			this.remedies.close();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		for (HandlerDispatcher dispatcher : this.dispatchers) {
			dispatcher.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		if (this.ownsWatchdog) {
			this.watchdog.close();
		}
	}

	RemedyStates.State remedyState(String id) {
		synchronized (this.lock) {
			return this.remedies.state(id);
		}
	}

	private AlarmTransition record(AlarmTransition.Action action, Alarm alarm) {
		AlarmTransition transition = new AlarmTransition(action, alarm, this.clock.instant());
		if (this.historySize > 0) {
			if (this.history.size() == this.historySize) {
				this.history.removeFirst();
			}
			this.history.addLast(transition);
		}
		for (HandlerDispatcher dispatcher : this.dispatchers) {
			dispatcher.offer(transition);
		}
		return transition;
	}

	private void observe(AlarmTransition transition) {
		this.observers.each(transition.alarm().id(), (observer) -> observer.transition(transition));
	}

	private void handlerFailed(String handler, Throwable failure) {
		this.observers.each(handler, (observer) -> observer.handlerFailed(handler, failure));
	}

	private static void requirePositive(String what, Duration value, String id) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(
					what + " of the remedy for alarm '" + id + "' must be a positive duration, was " + value);
		}
	}

}
