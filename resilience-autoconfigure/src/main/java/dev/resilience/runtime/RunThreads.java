package dev.resilience.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where workers' runs execute: an elastic pool that never queues a run behind another. A worker
 * has at most one run in flight, so the pool never holds more threads than there are workers with
 * a run in flight; a run that never returns ties up its own thread and nothing else. Idle threads
 * beyond {@code idleThreads} end after a minute. On JDK 21 and later, {@link #virtual} runs each
 * run on a virtual thread of its own instead.
 *
 * <p><b>Threading.</b> This class is thread-safe.
 *
 * @since 0.1.0
 */
public final class RunThreads implements Executor, AutoCloseable {

	/** The name prefix of run threads. */
	public static final String THREAD_PREFIX = "resilience-run-";

	private final ExecutorService executor;

	private RunThreads(ExecutorService executor) {
		this.executor = executor;
	}

	/**
	 * Platform threads, started as runs need them.
	 * @param idleThreads how many idle threads to keep for the next runs (at least 0)
	 * @return the run threads
	 */
	public static RunThreads platform(int idleThreads) {
		if (idleThreads < 0) {
			throw new IllegalArgumentException("idleThreads must be at least 0, was " + idleThreads);
		}
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, THREAD_PREFIX + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor executor = new ThreadPoolExecutor(idleThreads, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(), threads);
		return new RunThreads(executor);
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
			return new RunThreads(executor);
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
		this.executor.execute(Objects.requireNonNull(run, "run"));
	}

	/** Lets the runs in flight finish on their own; starts no new one. */
	@Override
	public void close() {
		this.executor.shutdown();
	}

}
