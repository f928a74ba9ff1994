package dev.resilience.alarm;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import dev.resilience.runtime.UserText;
import dev.resilience.runtime.Watchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers transitions to one {@link AlarmHandler} on a thread of its own, in order, from a
 * bounded queue: a slow, throwing or hung handler only holds up itself. Each call is timed by a
 * {@link Watchdog} guard taken on the handler's thread as the call starts: a call running longer
 * than the handler timeout is interrupted, and counted as a failure once, when it times out,
 * whether or not it then ends (its own later end or throw is not counted again). An
 * {@link Error} thrown by a handler is counted like an exception and never ends the thread. When
 * the queue is full the transition is dropped for this handler only, counted and logged.
 *
 * <p><b>Threading.</b> {@link #offer} is called by one thread at a time ({@link Alarms} calls it
 * under its lock) and never blocks; {@link #close} may be called from any thread. The handler is
 * only ever called on this dispatcher's own thread (or, given an executor that runs one task at a
 * time, on the executor), one call at a time, and the guard's protocol keeps an interrupt meant
 * for a timed-out call from reaching the next call.
 */
final class HandlerDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(HandlerDispatcher.class);

	private static final AlarmTransition STOP = new AlarmTransition(AlarmTransition.Action.CLEARED,
			new Alarm("stop", Severity.WARNING, "", java.time.Instant.EPOCH), java.time.Instant.EPOCH);

	private final AlarmHandler handler;

	private final BlockingQueue<AlarmTransition> queue;

	private final Duration timeout;

	private final Watchdog watchdog;

	private final BiConsumer<String, Throwable> failures;

	/** The handler's own thread, or {@code null} when its calls run on {@link #executor}. */
	private final Thread thread;

	private final Executor executor;

	private volatile boolean closed;

	private volatile boolean stopped;

	private boolean dropping;

	/**
	 * Starts the handler's thread.
	 * @param handler the handler
	 * @param capacity how many transitions may wait for it
	 * @param timeout how long one call may take before it is interrupted
	 * @param watchdog times each call
	 * @param failures hears every failure: a throw (on the handler's thread), a timeout (on the
	 * timer thread) or a dropped transition (under the alarm list's lock); it must not block nor
	 * call user code, and {@link Alarms} hands each over to a remedy thread
	 */
	HandlerDispatcher(AlarmHandler handler, int capacity, Duration timeout, Watchdog watchdog,
			BiConsumer<String, Throwable> failures) {
		this(handler, capacity, timeout, watchdog, failures, null);
	}

	/**
	 * Starts the handler's thread, or, given an executor, calls the handler on it: one task per
	 * queued transition, which delivers the oldest one; the executor must run its tasks one at a
	 * time, in order.
	 * @param handler the handler
	 * @param capacity how many transitions may wait for it
	 * @param timeout how long one call may take before it is interrupted
	 * @param watchdog times each call
	 * @param failures hears every failure
	 * @param executor runs the calls, or {@code null} for a thread of the handler's own
	 */
	HandlerDispatcher(AlarmHandler handler, int capacity, Duration timeout, Watchdog watchdog,
			BiConsumer<String, Throwable> failures, Executor executor) {
		this.handler = handler;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.timeout = timeout;
		this.watchdog = watchdog;
		this.failures = failures;
		this.executor = executor;
		if (executor != null) {
			this.thread = null;
			return;
		}
		this.thread = new Thread(this::deliver, "resilience-alarm-handler-" + simpleName(handler.name()));
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues a transition without blocking.
	 * @param transition the transition
	 */
	void offer(AlarmTransition transition) {
		if (this.closed) {
			return;
		}
		if (this.queue.offer(transition)) {
			this.dropping = false;
			if (this.executor != null) {
				handToExecutor();
			}
			return;
		}
		IllegalStateException full = new IllegalStateException(
				"queue of alarm handler '" + this.handler.name() + "' is full; transition of '"
						+ transition.alarm().id() + "' dropped for this handler");
		if (!this.dropping) {
			this.dropping = true;
			logger.warn(full.getMessage());
		}
		this.failures.accept(this.handler.name(), full);
	}

	/**
	 * Delivers what is queued, waiting at most {@code timeout}, then stops the thread.
	 * @param timeout how long pending deliveries may take
	 */
	void close(Duration timeout) {
		this.closed = true;
		if (this.thread == null) {
			return; // what is queued is delivered by the executor's tasks
		}
		this.queue.offer(STOP);
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.stopped = true;
		this.thread.interrupt();
	}

	private void deliver() {
		while (!this.stopped) {
			if (this.closed && this.queue.isEmpty()) {
				return; // the queue was too full to take STOP, and is now delivered
			}
			AlarmTransition transition;
			try {
				transition = this.queue.take();
			}
			catch (InterruptedException ex) {
				if (this.closed) {
					return;
				}
				continue;
			}
			if (transition == STOP) {
				return;
			}
			call(transition);
		}
	}

	private void handToExecutor() {
		try {
			this.executor.execute(() -> {
				AlarmTransition next = this.queue.poll();
				if (next != null) {
					call(next);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.queue.clear(); // the executor is closed: nobody delivers any more
		}
	}

	private void call(AlarmTransition transition) {
		Watchdog.Guard guard;
		try {
			guard = this.watchdog.guard(this.timeout, () -> timedOut(transition));
		}
		catch (RejectedExecutionException ex) {
			return; // the watchdog is closed: the alarms are closing
		}
		Throwable failure = null;
		try {
			if (transition.action() == AlarmTransition.Action.SET) {
				this.handler.onSet(transition.alarm());
			}
			else {
				this.handler.onClear(transition.alarm());
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (guard.end() || failure == null) {
			return; // a call that timed out was counted then
		}
		logger.warn("Alarm handler '{}' failed on {} of alarm '{}': {}", this.handler.name(), transition.action(),
				transition.alarm().id(), UserText.logLine(failure));
		this.failures.accept(this.handler.name(), failure);
	}

	/** Runs on the timer thread, once, right after the guard interrupted a call: logs, hands over. */
	private void timedOut(AlarmTransition transition) {
		TimeoutException timeout = new TimeoutException("Alarm handler '" + this.handler.name() + "' ran longer than "
				+ this.timeout + " on " + transition.action() + " of alarm '" + transition.alarm().id()
				+ "' and was interrupted");
		logger.warn(timeout.getMessage());
		this.failures.accept(this.handler.name(), timeout);
	}

	private static String simpleName(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : name;
	}

}
