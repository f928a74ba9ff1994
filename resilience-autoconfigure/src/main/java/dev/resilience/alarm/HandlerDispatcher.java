package dev.resilience.alarm;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers transitions to one {@link AlarmHandler} on a thread of its own, in order, from a
 * bounded queue: a slow, throwing or hung handler only holds up itself. A call running longer
 * than the handler timeout is interrupted. When the queue is full the transition is dropped for
 * this handler only, counted and logged.
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
		this.thread.interrupt();
	}

	private void deliver() {
		while (true) {
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
		Thread caller = Thread.currentThread();
		ScheduledFuture<?> watchdog = this.timer.schedule(caller::interrupt, this.timeout.toNanos(),
				TimeUnit.NANOSECONDS);
		try {
			if (transition.action() == AlarmTransition.Action.SET) {
				this.handler.onSet(transition.alarm());
			}
			else {
				this.handler.onClear(transition.alarm());
			}
		}
		catch (Exception ex) {
			logger.warn("Alarm handler '{}' failed on {} of alarm '{}': {}", this.handler.name(),
					transition.action(), transition.alarm().id(), ex.toString());
			this.failures.accept(this.handler.name(), ex);
		}
		finally {
			watchdog.cancel(false);
			Thread.interrupted(); // an interrupt meant for a timed-out call must not reach the next one
		}
	}

	private static String simpleName(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : name;
	}

}
