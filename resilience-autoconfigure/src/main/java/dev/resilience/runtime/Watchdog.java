package dev.resilience.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Times calls and interrupts those that run too long: run timeouts, check timeouts, alarm
 * handler timeouts and remedy callback timeouts all go through one watchdog, one timer thread
 * and one interrupt protocol.
 *
 * <p>The protocol: a call takes a {@link Guard} on its own thread before it starts and
 * {@link Guard#end() ends} it on the same thread when it returns. The guard interrupts the thread
 * at most once, either when the timeout passes or when someone calls {@link Guard#interrupt()}
 * (a shutdown). An interrupt and the end of the call exclude each other, and {@code end()} clears
 * an interrupt that the guard sent, so an interrupt meant for a call that already ended can never
 * reach the next call on that thread. An interrupt from anyone else is left alone.
 *
 * <p>The timer thread only times and interrupts; the work runs elsewhere, so a pool full of hung
 * calls cannot delay the interrupt that frees it.
 *
 * <p><b>Threading.</b> This class is thread-safe. {@code end()} takes no lock: one
 * compare-and-set on the path where the call ends in time.
 *
 * @since 0.1.0
 */
public final class Watchdog implements AutoCloseable {

	private final ScheduledExecutorService timer;

	private final boolean ownsTimer;

	private Watchdog(ScheduledExecutorService timer, boolean ownsTimer) {
		this.timer = timer;
		this.ownsTimer = ownsTimer;
	}

	/**
	 * A watchdog with a timer thread of its own (a daemon), stopped by {@link #close()}.
	 * @param threadName the timer thread's name
	 * @return the watchdog
	 */
	public static Watchdog start(String threadName) {
		Objects.requireNonNull(threadName, "threadName");
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		return new Watchdog(timer, true);
	}

	/**
	 * A watchdog that times on a given executor, for tests and for applications that share one
	 * timer. {@link #close()} leaves the executor running.
	 * @param timer the executor; its tasks only interrupt a thread and must run promptly
	 * @return the watchdog
	 */
	public static Watchdog on(ScheduledExecutorService timer) {
		return new Watchdog(Objects.requireNonNull(timer, "timer"), false);
	}

	/**
	 * Guards a call that is about to start on the current thread.
	 * @param timeout how long the call may take, or {@code null} for no limit (the guard can then
	 * only be interrupted by {@link Guard#interrupt()})
	 * @param onTimeout runs on the timer thread right after a timeout interrupted the call, or
	 * {@code null}; it must not block
	 * @return the guard; end it on this thread when the call returns
	 */
	public Guard guard(Duration timeout, Runnable onTimeout) {
		Guard guard = new Guard(Thread.currentThread(), onTimeout);
		if (timeout != null) {
			guard.timer = this.timer.schedule(guard::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		return guard;
	}

	/**
	 * Guards a call that is about to start on the current thread, with no action on timeout.
	 * @param timeout how long the call may take, or {@code null} for no limit
	 * @return the guard
	 */
	public Guard guard(Duration timeout) {
		return guard(timeout, null);
	}

	/** Stops the timer thread if this watchdog started it; pending timeouts never fire. */
	@Override
	public void close() {
		if (this.ownsTimer) {
			this.timer.shutdownNow();
		}
	}

	/**
	 * One guarded call. This class is thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Guard {

		private static final int RUNNING = 0;

		private static final int ENDED = 1;

		private static final int INTERRUPTING = 2;

		private static final int INTERRUPTED = 3;

		private static final VarHandle STATE;

		static {
			try {
				STATE = MethodHandles.lookup().findVarHandle(Guard.class, "state", int.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final Thread thread;

		private final Runnable onTimeout;

		/** {@link #RUNNING} (0) at first, under {@link #STATE}: a field, not an object, as a guard is made per run. */
		private volatile int state;

		private volatile boolean timedOut;

		private volatile ScheduledFuture<?> timer;

		private Guard(Thread thread, Runnable onTimeout) {
			this.thread = thread;
			this.onTimeout = onTimeout;
		}

		/**
		 * Interrupts the guarded call unless it has ended or was interrupted before.
		 * @return whether this call interrupted it
		 */
		public boolean interrupt() {
			return interrupt(false);
		}

		private boolean interrupt(boolean timeout) {
			if (!STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
				return false;
			}
			this.timedOut = timeout;
			this.thread.interrupt();
			this.state = INTERRUPTED;
			return true;
		}

		/**
		 * Ends the call, on the thread that made it. After this, the guard never interrupts
		 * that thread again, and an interrupt it sent is cleared.
		 * @return whether the guard interrupted the call (a timeout or {@link #interrupt()})
		 */
		public boolean end() {
			if (STATE.compareAndSet(this, RUNNING, ENDED)) {
				ScheduledFuture<?> pending = this.timer;
				if (pending != null) {
					pending.cancel(false);
				}
				return false;
			}
			while (this.state == INTERRUPTING) {
				Thread.onSpinWait(); // the interrupter is between its compare-and-set and interrupt()
			}
			Thread.interrupted(); // the interrupt was meant for this call, not for the thread's next one
			return true;
		}

		/**
		 * @return whether the timeout passed while the call ran and interrupted it; final once
		 * {@link #end()} returned
		 */
		public boolean timedOut() {
			return this.timedOut;
		}

		private void timeOut() {
			if (interrupt(true) && this.onTimeout != null) {
				this.onTimeout.run();
			}
		}

	}

}
