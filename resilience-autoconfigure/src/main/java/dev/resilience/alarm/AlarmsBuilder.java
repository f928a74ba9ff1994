package dev.resilience.alarm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;

/**
 * Builds {@link Alarms}: no handlers, a history of 100 transitions, a queue of 10,000 and a
 * 30 s timeout per handler, no {@linkplain AlarmRules rules} (every alarm immediate), the system
 * clock, and a {@link Timer} that the alarm list starts and stops itself. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class AlarmsBuilder {

	/** How many recent transitions the history keeps by default: 100. */
	public static final int DEFAULT_HISTORY_SIZE = 100;

	/** How many transitions may wait for one handler by default: 10,000. */
	public static final int DEFAULT_HANDLER_QUEUE_CAPACITY = 10_000;

	/** How long one handler call may take by default: 30 seconds. */
	public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(30);

	final List<AlarmHandler> handlers = new ArrayList<>();

	int historySize = DEFAULT_HISTORY_SIZE;

	int handlerQueueCapacity = DEFAULT_HANDLER_QUEUE_CAPACITY;

	Duration handlerTimeout = DEFAULT_HANDLER_TIMEOUT;

	/** The clock given, or {@code null} for the timer's ({@link Timer#clock()}). */
	Clock clock;

	Executor callbackExecutor;

	AlarmObserver observer = AlarmObserver.NONE;

	AlarmRules rules = AlarmRules.NONE;

	Timer timer;

	Watchdog watchdog;

	AlarmsBuilder() {
	}

	/**
	 * @param handler hears every transition on a thread of its own
	 * @return this builder
	 */
	public AlarmsBuilder handler(AlarmHandler handler) {
		this.handlers.add(Objects.requireNonNull(handler, "handler"));
		return this;
	}

	/**
	 * @param historySize how many recent transitions {@link Alarms#history()} keeps, 0 or more
	 * @return this builder
	 */
	public AlarmsBuilder historySize(int historySize) {
		if (historySize < 0) {
			throw new IllegalArgumentException("historySize must be 0 or more, was " + historySize);
		}
		this.historySize = historySize;
		return this;
	}

	/**
	 * @param capacity how many transitions may wait for one handler before later ones are
	 * dropped for it, 1 or more
	 * @return this builder
	 */
	public AlarmsBuilder handlerQueueCapacity(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("handlerQueueCapacity must be 1 or more, was " + capacity);
		}
		this.handlerQueueCapacity = capacity;
		return this;
	}

	/**
	 * @param timeout how long one handler call may take before it is interrupted
	 * @return this builder
	 */
	public AlarmsBuilder handlerTimeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("handlerTimeout must be a positive duration, was " + timeout);
		}
		this.handlerTimeout = timeout;
		return this;
	}

	/**
	 * @param clock the clock for set times and histories; default the timer's
	 * ({@link Timer#clock()}: the system clock unless a timer with another was given)
	 * @return this builder
	 */
	public AlarmsBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * @param timer times every delay of the alarm list (handler and remedy callback timeouts,
	 * remedy retries, debounce and hold), instead of a timer of the alarm list's own, so that a
	 * supervision tree and its alarm list share one timer thread; {@link Alarms#close()} leaves it
	 * running
	 * @return this builder
	 */
	public AlarmsBuilder timer(Timer timer) {
		this.timer = Objects.requireNonNull(timer, "timer");
		return this;
	}

	/**
	 * Calls handlers, remedy callbacks and what the timer hands over on this executor instead of
	 * threads of the alarm list's own: a handler's transitions are then each one task, in order.
	 * For the test kit's virtual time, whose executor runs its tasks one at a time, in the order
	 * they were given, on the thread that advances the time; an executor that runs tasks side by
	 * side would call a handler on two threads at once.
	 * @param executor runs every callback; {@link Alarms#close()} leaves it running
	 * @return this builder
	 */
	public AlarmsBuilder callbackExecutor(Executor executor) {
		this.callbackExecutor = Objects.requireNonNull(executor, "executor");
		return this;
	}

	/**
	 * For tests that drive the timer's delays by hand but want handler and remedy timeouts timed
	 * for real: times handler calls and remedy callbacks instead of the timer's watchdog.
	 * @param watchdog the watchdog; {@link Alarms#close()} leaves it running
	 * @return this builder
	 */
	AlarmsBuilder watchdog(Watchdog watchdog) {
		this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
		return this;
	}

	/**
	 * @param observer hears transitions, handler failures and remedy runs
	 * @return this builder
	 */
	public AlarmsBuilder observer(AlarmObserver observer) {
		this.observer = Objects.requireNonNull(observer, "observer");
		return this;
	}

	/**
	 * @param rules the debounce and hold of alarms, by id or pattern
	 * @return this builder
	 */
	public AlarmsBuilder rules(AlarmRules rules) {
		this.rules = Objects.requireNonNull(rules, "rules");
		return this;
	}

	/** @return the alarm list, its handler threads started */
	public Alarms build() {
		return new Alarms(this);
	}

}
