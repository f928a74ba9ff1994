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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm list: any code may {@link #set} and {@link #clear} alarms, as with SASL's
 * {@code alarm_handler}; {@link AlarmHandler handlers} hear every transition; a
 * {@linkplain #addRemedy remedy} per alarm id tries to fix what stays wrong.
 *
 * <p>Setting a set alarm again updates its severity and description without a second set
 * transition; clearing a clear alarm does nothing. The {@linkplain #history() history} keeps the
 * most recent transitions only.
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

	private static final Logger logger = LoggerFactory.getLogger(Alarms.class);

	private final Object lock = new Object();

	private final Map<String, Alarm> active = new HashMap<>();

	private final int[] activeBySeverity = new int[Severity.values().length];

	private final ArrayDeque<AlarmTransition> history;

	private final int historySize;

	private final Map<String, RemedyWorker> remedies = new HashMap<>();

	private final List<HandlerDispatcher> dispatchers = new ArrayList<>();

	private final Clock clock;

	private final AlarmObserver observer;

	private final ScheduledExecutorService timer;

	private final ExecutorService remedyExecutor;

	Alarms(AlarmsBuilder builder) {
		this.clock = builder.clock;
		this.observer = builder.observer;
		this.historySize = builder.historySize;
		this.history = new ArrayDeque<>(Math.min(builder.historySize, 1024));
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("resilience-alarm-timer-"));
		timer.setRemoveOnCancelPolicy(true);
		this.timer = timer;
		this.remedyExecutor = Executors.newCachedThreadPool(daemonThreads("resilience-remedy-"));
		for (AlarmHandler handler : builder.handlers) {
			this.dispatchers.add(new HandlerDispatcher(handler, builder.handlerQueueCapacity, builder.handlerTimeout,
					this.timer, this::handlerFailed));
		}
	}

	/** @return a builder with no handlers, a history of 100 transitions and the system clock */
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
			RemedyWorker remedy = this.remedies.get(id);
			if (remedy != null) {
				remedy.alarmSet();
			}
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
			RemedyWorker remedy = this.remedies.get(id);
			if (remedy != null) {
				remedy.alarmCleared();
			}
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
			RemedyWorker previous = this.remedies.put(id, new RemedyWorker(id, callback, callbackTimeout, retryTimeout,
					this.remedyExecutor, this.timer, this.observer));
			if (previous != null) {
				previous.remove();
			}
			if (this.active.containsKey(id)) {
				this.remedies.get(id).alarmSet();
			}
		}
	}

	/**
	 * Removes the remedy of an alarm, interrupting a run in progress.
	 * @param id the alarm's id
	 */
	public void removeRemedy(String id) {
		RemedyWorker removed;
		synchronized (this.lock) {
			removed = this.remedies.remove(id);
		}
		if (removed != null) {
			removed.remove();
		}
	}

	/** Delivers pending transitions to handlers (for up to 5 seconds), then stops every thread. */
	@Override
	public void close() {
		List<RemedyWorker> workers;
		synchronized (this.lock) {
			workers = new ArrayList<>(this.remedies.values());
			this.remedies.clear();
		}
		workers.forEach(RemedyWorker::remove);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		for (HandlerDispatcher dispatcher : this.dispatchers) {
			dispatcher.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		this.remedyExecutor.shutdownNow();
		this.timer.shutdownNow();
	}

	RemedyWorker.State remedyState(String id) {
		synchronized (this.lock) {
			RemedyWorker remedy = this.remedies.get(id);
			return (remedy != null) ? remedy.state() : null;
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
		try {
			this.observer.transition(transition);
		}
		catch (RuntimeException ex) {
			logger.warn("Alarm observer failed", ex);
		}
	}

	private void handlerFailed(String handler, Throwable failure) {
		try {
			this.observer.handlerFailed(handler, failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Alarm observer failed", ex);
		}
	}

	private static void requirePositive(String what, Duration value, String id) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(
					what + " of the remedy for alarm '" + id + "' must be a positive duration, was " + value);
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
