package dev.resilience.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where workers' runs execute: an elastic pool in which a run that never returns ties up its own
 * thread and nothing else. A worker has at most one run in flight, so the pool never holds more
 * threads than there are workers with a run in flight. Idle threads beyond {@code idleThreads}
 * end after a minute. On JDK 21 and later, {@link #virtual} runs each run on a virtual thread of
 * its own instead.
 *
 * <p>{@link #platform(int)} starts (or wakes) a thread per run. {@link #platform(int, Timer)},
 * which a tree and the starter use, lets the runs handed over together run back to back on one
 * thread, which is woken once for them: a thread whose current run has taken longer than
 * {@link #STALL} gets the runs queued behind it a thread of their own, so a run that never returns
 * holds up another for at most about twice that.
 *
 * <p><b>Threading.</b> This class is thread-safe.
 *
 * @since 0.1.0
 */
public final class RunThreads implements Executor, AutoCloseable {

	/** The name prefix of run threads. */
	public static final String THREAD_PREFIX = "resilience-run-";

	/** How long a run may take before the runs queued behind it get a thread of their own. */
	public static final Duration STALL = Duration.ofNanos(Timer.MAX_SLACK_NANOS);

	private final ExecutorService executor;

	private final RunQueue queue;

	private RunThreads(ExecutorService executor, RunQueue queue) {
		this.executor = executor;
		this.queue = queue;
	}

	/**
	 * Platform threads, started as runs need them.
	 * @param idleThreads how many idle threads to keep for the next runs (at least 0)
	 * @return the run threads
	 */
	public static RunThreads platform(int idleThreads) {
		return new RunThreads(pool(idleThreads), null);
	}

	/**
	 * Platform threads, started as runs need them, taking the runs handed over together back to
	 * back; the timer watches for a run that holds up others.
	 * @param idleThreads how many idle threads to keep for the next runs (at least 0)
	 * @param timer the tree's timer, which times the watch
	 * @return the run threads
	 */
	public static RunThreads platform(int idleThreads, Timer timer) {
		ThreadPoolExecutor pool = pool(idleThreads);
		return new RunThreads(pool, new RunQueue(pool, Objects.requireNonNull(timer, "timer"), STALL.toNanos()));
	}

	private static ThreadPoolExecutor pool(int idleThreads) {
		if (idleThreads < 0) {
			throw new IllegalArgumentException("idleThreads must be at least 0, was " + idleThreads);
		}
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, THREAD_PREFIX + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return new ThreadPoolExecutor(idleThreads, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				threads);
	}

	/**
	 * One virtual thread per run, named {@value #THREAD_PREFIX}{@code N}.
	 * @return the run threads
	 * @throws UnsupportedOperationException before JDK 21
	 */
	public static RunThreads virtual() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, THREAD_PREFIX, 1L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			ExecutorService executor = (ExecutorService) MethodHandles.publicLookup()
				.findStatic(java.util.concurrent.Executors.class, "newThreadPerTaskExecutor",
						MethodType.methodType(ExecutorService.class, ThreadFactory.class))
				.invoke(factory);
			return new RunThreads(executor, null);
		}
		catch (Throwable ex) {
			throw new UnsupportedOperationException("virtual threads need JDK 21 or later; this is "
					+ Runtime.version(), ex);
		}
	}

	/** @return whether this JDK has virtual threads */
	public static boolean virtualThreadsAvailable() {
		return Runtime.version().feature() >= 21;
	}

	/** @return how many idle threads it keeps for the next runs; 0 on virtual threads */
	public int idleThreads() {
		return (this.executor instanceof ThreadPoolExecutor pool) ? pool.getCorePoolSize() : 0;
	}

	@Override
	public void execute(Runnable run) {
		Objects.requireNonNull(run, "run");
		if (this.queue != null) {
			this.queue.execute(run);
		}
		else {
			this.executor.execute(run);
		}
	}

	/**
	 * Lets the runs in flight, and those already handed over, finish on their own; takes no new
	 * one.
	 */
	@Override
	public void close() {
		if (this.queue != null) {
			this.queue.close(); // the threads taking runs go on until it is empty, then end
		}
		this.executor.shutdown();
	}

}
