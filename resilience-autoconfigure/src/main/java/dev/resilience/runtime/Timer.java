package dev.resilience.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer of a supervision tree: a single thread that times every delay (worker ticks, run
 * and check timeouts, handler and remedy timeouts, remedy retries, alarm debounce and hold, stale
 * watches, backoff delays) and does nothing else. What falls due is handed to the thread that does
 * the work (a worker's run thread, a remedy thread, a handler's delivery thread); an action on the
 * timer itself only decides and hands over, and must not block, call user code or take a lock
 * that user code may hold.
 *
 * <p>A timer {@link #start() started} here lets delays fall due together, as operating systems do
 * with timer slack: a due time is rounded up onto a grid of at most 1/64 of its delay and at most
 * {@value #MAX_SLACK_NANOS} ns (about 8 ms), so that ticks, timeouts and retries due at nearly the
 * same moment fire from one wake-up of the timer thread instead of one wake-up each. An action
 * never runs early, and runs at most 1/64 of its delay late. A timer {@link #on made on} another
 * executor times every delay exactly.
 *
 * <p>A test, or the test kit's virtual time, passes its own {@link ScheduledExecutorService} to
 * {@link #on}, and with {@link #on(ScheduledExecutorService, LongSupplier, Clock)} its own
 * monotonic time and wall clock; then nothing is timed behind its back, since every delay of the
 * tree goes through this class, {@link #nanoTime()} and {@link #clock()} (a tree or alarm list
 * given a timer and no clock takes the timer's).
 *
 * <p><b>Threading.</b> This class is thread-safe.
 *
 * @since 0.1.0
 */
public final class Timer implements AutoCloseable {

	/** The name of the timer thread a tree or an application starts. */
	public static final String THREAD_NAME = "resilience-timer";

	/** The widest grid a due time is rounded onto, in nanoseconds: 2<sup>23</sup>, about 8.4 ms. */
	static final long MAX_SLACK_NANOS = 1L << 23;

	private static final Logger logger = LoggerFactory.getLogger(Timer.class);

	private final ScheduledExecutorService executor;

	private final boolean owned;

	private final Watchdog watchdog;

	private final LongSupplier nanoTime;

	private final Clock clock;

	private Timer(ScheduledExecutorService executor, boolean owned, LongSupplier nanoTime, Clock clock) {
		this.executor = executor;
		this.owned = owned;
		this.watchdog = Watchdog.on(executor);
		this.nanoTime = nanoTime;
		this.clock = clock;
	}

	/**
	 * A timer with a daemon thread of its own named {@value #THREAD_NAME}, stopped by
	 * {@link #close()}.
	 * @return the timer
	 */
	public static Timer start() {
		return start(THREAD_NAME);
	}

	/**
	 * A timer with a daemon thread of its own, stopped by {@link #close()}.
	 * @param threadName the thread's name
	 * @return the timer
	 */
	public static Timer start(String threadName) {
		Objects.requireNonNull(threadName, "threadName");
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		return new Timer(executor, true, System::nanoTime, Clock.systemUTC());
	}

	/**
	 * A timer on an executor of the caller's, for tests (a manual or virtual scheduler);
	 * {@link #close()} leaves it running.
	 * @param executor times the delays; its tasks must run promptly
	 * @return the timer
	 */
	public static Timer on(ScheduledExecutorService executor) {
		return on(executor, System::nanoTime, Clock.systemUTC());
	}

	/**
	 * A timer on an executor, a monotonic time and a wall clock of the caller's, all three moved
	 * together (the test kit's virtual time); {@link #close()} leaves the executor running.
	 * @param executor times the delays on the scale of {@code nanoTime}; its tasks must run promptly
	 * @param nanoTime the monotonic time in nanoseconds that delays are measured on
	 * @param clock the wall clock that goes with it
	 * @return the timer
	 */
	public static Timer on(ScheduledExecutorService executor, LongSupplier nanoTime, Clock clock) {
		return new Timer(Objects.requireNonNull(executor, "executor"), false,
				Objects.requireNonNull(nanoTime, "nanoTime"), Objects.requireNonNull(clock, "clock"));
	}

	/**
	 * Runs an action on the timer after a delay. The action must be short and must not block; an
	 * exception it throws is logged and the timer goes on.
	 * @param action what to do
	 * @param delay how long from now; zero or negative for as soon as possible
	 * @return a future that cancels the action
	 * @throws java.util.concurrent.RejectedExecutionException if the timer is closed
	 */
	public ScheduledFuture<?> schedule(Runnable action, Duration delay) {
		long nanos = Math.max(0, delay.toNanos());
		if (this.owned) {
			nanos = coalesced(nanos, System.nanoTime());
		}
		return this.executor.schedule(() -> guarded(action), nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * The delay that makes a due time {@code now + delay} fall on the grid of its slack: the largest
	 * power of two of at most 1/64 of the delay and at most {@link #MAX_SLACK_NANOS}.
	 * @param delayNanos the delay asked for, at least 0
	 * @param now the current time on the executor's scale
	 * @return a delay at least {@code delayNanos} and less than {@code delayNanos} plus its slack
	 */
	static long coalesced(long delayNanos, long now) {
		long slack = Math.min(Long.highestOneBit(delayNanos >>> 6), MAX_SLACK_NANOS);
		if (slack <= 1) {
			return delayNanos;
		}
		long due = now + delayNanos;
		return ((due + slack - 1) & -slack) - now;
	}

	/**
	 * @return the executor the delays are timed on, for code written against the JDK's interface;
	 * its tasks follow the rules of {@link #schedule}
	 */
	public ScheduledExecutorService executor() {
		return this.executor;
	}

	/** @return the watchdog that times calls on this timer */
	public Watchdog watchdog() {
		return this.watchdog;
	}

	/** @return the current time on the monotonic scale the delays are timed on, in nanoseconds */
	public long nanoTime() {
		return this.nanoTime.getAsLong();
	}

	/**
	 * @return the wall clock that goes with {@link #nanoTime()}: the system's UTC clock, unless
	 * the timer was made {@link #on(ScheduledExecutorService, LongSupplier, Clock) on another}
	 */
	public Clock clock() {
		return this.clock;
	}

	/** Stops the timer thread if this timer started it; pending actions never run. */
	@Override
	public void close() {
		if (this.owned) {
			this.executor.shutdownNow();
		}
	}

	private static void guarded(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("A timed action failed on the timer; the timer goes on", ex);
		}
	}

}
