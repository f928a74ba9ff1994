package dev.resilience.alarm;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers transitions to one {@link AlarmHandler} on a thread of its own, in order, from a
 * bounded queue: a slow, throwing or hung handler only holds up itself. A call running longer
 * than the handler timeout is interrupted, and counted as a failure when it times out, whether or
 * not it then ends. When the queue is full the transition is dropped for this handler only,
 * counted and logged.
 *
 * <p>This class is thread-safe.
 */
final class HandlerDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(HandlerDispatcher.class);

	private static final AlarmTransition STOP = new AlarmTransition(AlarmTransition.Action.CLEARED,
			new Alarm("stop", Severity.WARNING, "", java.time.Instant.EPOCH), java.time.Instant.EPOCH);

	private final AlarmHandler handler;

	private final BlockingQueue<AlarmTransition> queue;

	private final Duration timeout;

	private final ScheduledExecutorService timer;

	private final BiConsumer<String, Throwable> failures;

	private final Thread thread;

	private volatile boolean closed;

	private volatile boolean stopped;

	private boolean dropping;

	HandlerDispatcher(AlarmHandler handler, int capacity, Duration timeout, ScheduledExecutorService timer,
			BiConsumer<String, Throwable> failures) {
		this.handler = handler;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.timeout = timeout;
		this.timer = timer;
		this.failures = failures;
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

	private void call(AlarmTransition transition) {
		Call call = new Call(Thread.currentThread());
		ScheduledFuture<?> watchdog;
		try {
			watchdog = this.timer.schedule(() -> timedOut(call, transition), this.timeout.toNanos(),
					TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return; // the timer is stopped: the alarms are closed
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
		watchdog.cancel(false);
		if (call.end() || failure == null) {
			return; // a call that timed out was counted then
		}
		logger.warn("Alarm handler '{}' failed on {} of alarm '{}': {}", this.handler.name(), transition.action(),
				transition.alarm().id(), failure.toString());
		this.failures.accept(this.handler.name(), failure);
	}

	private void timedOut(Call call, AlarmTransition transition) {
		if (call.interrupt()) {
			TimeoutException timeout = new TimeoutException("Alarm handler '" + this.handler.name() + "' ran longer than "
					+ this.timeout + " on " + transition.action() + " of alarm '" + transition.alarm().id()
					+ "' and was interrupted");
			logger.warn(timeout.getMessage());
			this.failures.accept(this.handler.name(), timeout);
		}
	}

	/**
	 * One handler call. Its end and its watchdog's interrupt exclude each other, so an interrupt
	 * never outlives the call it was meant for, even when the watchdog fires as the call ends.
	 */
	private static final class Call {

		private final Thread thread;

		private boolean ended;

		private boolean timedOut;

		Call(Thread thread) {
			this.thread = thread;
		}

		/** @return whether the call was still running and is now interrupted */
		synchronized boolean interrupt() {
			if (this.ended) {
				return false;
			}
			this.timedOut = true;
			this.thread.interrupt();
			return true;
		}

		/**
		 * Ends the call, on its own thread, clearing an interrupt meant for it.
		 * @return whether it timed out
		 */
		synchronized boolean end() {
			this.ended = true;
			Thread.interrupted();
			return this.timedOut;
		}

	}

	private static String simpleName(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : name;
	}

}
