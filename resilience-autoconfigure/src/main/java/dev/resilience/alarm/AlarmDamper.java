package dev.resilience.alarm;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.Timer;

/**
 * Alarmist's managed alarms: the raw state of each alarm (what callers set and clear, every
 * change kept in the raw history) against its {@link VisibleAlarms visible} state, which follows
 * the raw state after the alarm's {@link AlarmRule}. Per alarm id:
 *
 * <pre>
 * raw      visible  timer
 * clear    clear    none      --set-->    set/set at once (no debounce), else set/clear + debounce timer
 * set      clear    debounce  --clear-->  clear/clear, timer cancelled: nobody heard anything
 * set      clear    debounce  --due-->    set/set
 * set      set      none      --clear-->  clear/clear at once (no hold), else clear/set + hold timer
 * clear    set      hold      --set-->    set/set, timer cancelled: nobody heard anything
 * clear    set      hold      --due-->    clear/clear
 * </pre>
 *
 * Setting a raw set alarm again updates its severity and description, and those of the visible
 * alarm when it is visible. A timer exists exactly while raw and visible state differ; a timer
 * that fires after it was cancelled (or replaced) finds another or none in its place and does
 * nothing. Timers run on the alarm list's {@link Timer}; the observers hear what became visible
 * outside the lock: on the caller's thread after a set or clear, and, after a timer fell due, on
 * the thread the timer hands over to, never on the timer thread.
 *
 * <p><b>Threading.</b> Thread-safe: every change happens under the alarm list's lock, from the
 * callers of {@link Alarms} and from the timer's thread alike; no user code runs under it.
 */
final class AlarmDamper {

	private final Object lock;

	private final AlarmRules rules;

	private final Map<String, AlarmRule> ruleCache = new HashMap<>();

	private final Map<String, Alarm> raw = new HashMap<>();

	private final Map<String, Pending> timers = new HashMap<>();

	private final TransitionLog rawHistory;

	private final VisibleAlarms visible;

	private final Timer timer;

	private final Executor offTimer;

	private final Clock clock;

	private final Listeners<AlarmObserver> observers;

	/**
	 * @param lock the alarm list's lock
	 * @param rules the rules
	 * @param historySize how many raw transitions to keep
	 * @param visible the visible alarms
	 * @param timer times the debounce and hold
	 * @param offTimer calls the observers when a debounce or hold fell due
	 * @param clock dates raw sets and transitions
	 * @param observers hear what becomes visible
	 */
	AlarmDamper(Object lock, AlarmRules rules, int historySize, VisibleAlarms visible,
			Timer timer, Executor offTimer, Clock clock, Listeners<AlarmObserver> observers) {
		this.lock = lock;
		this.rules = rules;
		this.rawHistory = new TransitionLog(historySize);
		this.visible = visible;
		this.timer = timer;
		this.offTimer = offTimer;
		this.clock = clock;
		this.observers = observers;
	}

	/**
	 * Sets an alarm, or updates a set one.
	 * @param id the alarm's id
	 * @param severity how bad it is
	 * @param description what is wrong
	 */
	void set(String id, Severity severity, String description) {
		Consumer<AlarmObserver> notice;
		synchronized (this.lock) {
			notice = rawSet(id, severity, description);
		}
		tell(id, notice);
	}

	/**
	 * Clears an alarm; nothing if it is not set.
	 * @param id the alarm's id
	 */
	void clear(String id) {
		Consumer<AlarmObserver> notice;
		synchronized (this.lock) {
			notice = rawClear(id);
		}
		tell(id, notice);
	}

	/** @return the most recent raw transitions, oldest first; call under the lock */
	List<AlarmTransition> rawHistory() {
		return this.rawHistory.list();
	}

	/** Cancels every pending timer: what is pending never becomes visible; call under the lock. */
	void close() {
		this.timers.values().forEach(Pending::cancel);
		this.timers.clear();
	}

	private Consumer<AlarmObserver> rawSet(String id, Severity severity, String description) {
		Alarm current = this.raw.get(id);
		if (current != null) {
			this.raw.put(id, new Alarm(id, severity, description, current.setAt()));
			return (this.visible.get(id) != null) ? this.visible.update(id, severity, description) : null;
		}
		Alarm alarm = new Alarm(id, severity, description, this.clock.instant());
		this.raw.put(id, alarm);
		this.rawHistory.add(new AlarmTransition(AlarmTransition.Action.SET, alarm, alarm.setAt()));
		if (this.visible.get(id) != null) {
			cancelTimer(id);
			return this.visible.update(id, severity, description);
		}
		Duration debounce = ruleFor(id).debounce();
		if (debounce.isZero()) {
			return this.visible.show(alarm);
		}
		startTimer(id, debounce);
		return null;
	}

	private Consumer<AlarmObserver> rawClear(String id) {
		Alarm alarm = this.raw.remove(id);
		if (alarm == null) {
			return null;
		}
		this.rawHistory.add(new AlarmTransition(AlarmTransition.Action.CLEARED, alarm, this.clock.instant()));
		if (this.visible.get(id) == null) {
			cancelTimer(id);
			return null;
		}
		Duration hold = ruleFor(id).hold();
		if (hold.isZero()) {
			return this.visible.hide(id);
		}
		startTimer(id, hold);
		return null;
	}

	/** On the timer thread: changes what is visible, then hands the observers' notice over. */
	private void due(String id, Pending pending) {
		Consumer<AlarmObserver> notice;
		synchronized (this.lock) {
			if (this.timers.get(id) != pending) {
				return;
			}
			this.timers.remove(id);
			Alarm alarm = this.raw.get(id);
			notice = (alarm != null) ? this.visible.show(alarm) : this.visible.hide(id);
		}
		try {
			this.offTimer.execute(() -> tell(id, notice));
		}
		catch (RejectedExecutionException ex) {
			// The alarm list is closed: nobody is listening any more
		}
	}

	private void startTimer(String id, Duration delay) {
		Pending pending = new Pending();
		try {
			pending.future = this.timer.schedule(() -> due(id, pending), delay);
			this.timers.put(id, pending);
		}
		catch (RejectedExecutionException ex) {
			// The alarm list is closed: what is pending never becomes visible
		}
	}

	private void cancelTimer(String id) {
		Pending pending = this.timers.remove(id);
		if (pending != null) {
			pending.cancel();
		}
	}

	private AlarmRule ruleFor(String id) {
		return this.rules.isEmpty() ? AlarmRule.IMMEDIATE : this.ruleCache.computeIfAbsent(id, this.rules::ruleFor);
	}

	private void tell(String id, Consumer<AlarmObserver> notice) {
		if (notice != null) {
			this.observers.each(id, notice);
		}
	}

	/** A pending debounce or hold; also the token that tells it from one cancelled too late. */
	private static final class Pending {

		private Future<?> future;

		void cancel() {
			this.future.cancel(false);
		}

	}

}
