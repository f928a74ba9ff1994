package dev.resilience.alarm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Timer;
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
 * <p><b>Managed alarms.</b> With {@linkplain AlarmsBuilder#rules rules}, as Alarmist's managed
 * alarms, a set becomes visible only once the alarm has stayed set for its rule's debounce, and a
 * clear only once it has stayed clear for its hold: {@link #isSet}, {@link #get},
 * {@link #active()}, the counts, {@link #history()}, handlers, remedies and observers all see the
 * visible state, and toggles within those windows reach none of them. {@link #rawHistory()}
 * keeps every set and clear as called. Without a rule, raw and visible state are the same.
 *
 * <p>Every delay (handler and remedy callback timeouts, remedy retries, debounce and hold) is
 * timed by one {@link Timer}, and set times and histories read the clock. Both can be given to
 * the {@linkplain #builder() builder}; a timer not given, the alarm list starts itself and stops
 * in {@link #close()}, which leaves a given one running. {@link #timer()} hands the timer on, so
 * that a supervision tree built with this alarm list shares it. Observers are called through
 * {@link Listeners}: one that throws is logged once and keeps neither the others nor the caller
 * from going on.
 *
 * <p><b>Threading.</b> This class is thread-safe. Transitions are serialized under one lock and
 * handed, in that order, to each handler's own queue and thread, so every handler sees the
 * transitions of an alarm id in the order they happened, and no caller ever waits for a handler.
 * No handler, remedy or observer is ever called under that lock or on the timer thread:
 * observers hear a transition on the thread that called {@link #set} or {@link #clear}, after
 * the lock is released, and what falls due on the timer (a debounce or hold, a handler or remedy
 * timeout) is heard on a remedy thread. An observer may therefore set and clear alarms itself.
 * Observers may hear transitions of one alarm from two threads out of order; the alarm list's
 * own state never is. Remedy callbacks run on a pool of their own. {@link #close()} stops
 * handler and remedy threads.
 *
 * @since 0.1.0
 */
public final class Alarms implements AutoCloseable {

	private final Object lock = new Object();

	private final List<HandlerDispatcher> dispatchers = new ArrayList<>();

	private final Listeners<AlarmObserver> observers;

	private final Timer timer;

	private final boolean ownsTimer;

	private final Remedies remedies;

	private final VisibleAlarms visible;

	private final AlarmDamper damper;

	Alarms(AlarmsBuilder builder) {
		this.observers = new Listeners<>("alarm observer", List.of(builder.observer));
		this.ownsTimer = builder.timer == null;
		this.timer = this.ownsTimer ? Timer.start() : builder.timer;
		Watchdog watchdog = (builder.watchdog != null) ? builder.watchdog : this.timer.watchdog();
		Clock clock = (builder.clock != null) ? builder.clock : this.timer.clock();
		this.remedies = new Remedies(this.timer, watchdog, this.observers, builder.callbackExecutor);
		for (AlarmHandler handler : builder.handlers) {
			this.dispatchers.add(new HandlerDispatcher(handler, builder.handlerQueueCapacity, builder.handlerTimeout,
					watchdog, this::handlerFailed, builder.callbackExecutor));
		}
		this.visible = new VisibleAlarms(builder.historySize, this.dispatchers, this.remedies, clock);
		this.damper = new AlarmDamper(this.lock, builder.rules, builder.historySize, this.visible, this.timer,
				this::handOver, clock, this.observers);
	}

	/**
	 * @return a builder with no handlers, a history of 100 transitions, no rules, the system
	 * clock, and a timer of the alarm list's own
	 */
	public static AlarmsBuilder builder() {
		return new AlarmsBuilder();
	}

	/**
	 * The timer that times every delay of this alarm list: the one given to the builder, or the
	 * alarm list's own (stopped by {@link #close()}). A supervision tree built with this alarm
	 * list times its own delays on it too, so that a tree and its alarms run one timer thread.
	 * @return the timer; thread-safe, its actions run on its one thread and must not block
	 */
	public Timer timer() {
		return this.timer;
	}

	/**
	 * Sets an alarm, or updates the severity and description of a set one. With a debounce, the
	 * set becomes visible once the alarm has stayed set that long.
	 * @param id the alarm's id
	 * @param severity how bad it is
	 * @param description what is wrong, for people
	 */
	public void set(String id, Severity severity, String description) {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(severity, "severity");
		this.damper.set(id, severity, description);
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
	 * Clears an alarm; does nothing if it is not set. With a hold, the clear becomes visible
	 * once the alarm has stayed clear that long.
	 * @param id the alarm's id
	 */
	public void clear(String id) {
		this.damper.clear(id);
	}

	/**
	 * @param id an alarm's id
	 * @return whether it is (visibly) set
	 */
	public boolean isSet(String id) {
		return get(id).isPresent();
	}

	/**
	 * @param id an alarm's id
	 * @return the alarm while it is (visibly) set
	 */
	public Optional<Alarm> get(String id) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.visible.get(id));
		}
	}

	/**
	 * @return the worst severity among the set alarms, empty when none is set; cheap, for health
	 * checks polled by load balancers
	 */
	public Optional<Severity> worstSeverity() {
		synchronized (this.lock) {
			return this.visible.worstSeverity();
		}
	}

	/**
	 * @param severity a severity
	 * @return how many set alarms have it
	 */
	public int count(Severity severity) {
		synchronized (this.lock) {
			return this.visible.count(severity);
		}
	}

	/** @return the set alarms, worst severity first, then oldest first */
	public List<Alarm> active() {
		List<Alarm> alarms;
		synchronized (this.lock) {
			alarms = this.visible.all();
		}
		alarms.sort(Comparator.comparing(Alarm::severity).thenComparing(Alarm::setAt).thenComparing(Alarm::id));
		return List.copyOf(alarms);
	}

	/** @return the most recent transitions, the ones handlers heard, oldest first */
	public List<AlarmTransition> history() {
		synchronized (this.lock) {
			return this.visible.history();
		}
	}

	/**
	 * @return the most recent raw transitions, every set and clear as called (a set of a set
	 * alarm excepted), also those a debounce or hold kept from everyone, oldest first; the same as
	 * {@link #history()} when no rule applies
	 */
	public List<AlarmTransition> rawHistory() {
		synchronized (this.lock) {
			return this.damper.rawHistory();
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
			this.remedies.add(id, callback, callbackTimeout, retryTimeout, this.visible.get(id) != null);
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
	 * Cancels pending debounce and hold timers (what they would have shown is never shown),
	 * removes every remedy, interrupting runs in progress, delivers pending transitions to
	 * handlers (for up to 5 seconds), then stops every thread the alarm list started. A timer
	 * given to the builder is left running.
	 */
	@Override
	public void close() {
		synchronized (this.lock) {
			this.damper.close();
			this.remedies.close();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		for (HandlerDispatcher dispatcher : this.dispatchers) {
			dispatcher.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		if (this.ownsTimer) {
			this.timer.close();
		}
	}

	RemedyStates.State remedyState(String id) {
		synchronized (this.lock) {
			return this.remedies.state(id);
		}
	}

	/** From a handler's queue, under the lock, or from its timeout, on the timer: handed over. */
	private void handlerFailed(String handler, Throwable failure) {
		handOver(() -> this.observers.each(handler, (observer) -> observer.handlerFailed(handler, failure)));
	}

	/** Runs a notice on a remedy thread: never under the lock, never on the timer. */
	private void handOver(Runnable notice) {
		try {
			this.remedies.executor().execute(notice);
		}
		catch (RejectedExecutionException ex) {
			// closed: nobody is listening any more
		}
	}

	private static void requirePositive(String what, Duration value, String id) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(
					what + " of the remedy for alarm '" + id + "' must be a positive duration, was " + value);
		}
	}

}
