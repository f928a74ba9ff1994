package dev.resilience.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorBuilder;
import dev.resilience.runtime.Watchdog;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;

/**
 * Scale: {@code N} workers with an empty body at a 1 s interval, for a while, in a JVM of their
 * own (run.sh starts one per mode). Both modes run on a {@code ScheduledThreadPoolExecutor} of 4
 * threads (the starter's default pool size), first runs spread evenly over the first second.
 * <ul>
 * <li>{@code executor}: {@code scheduleWithFixedDelay} per job (the baseline);</li>
 * <li>{@code supervised}: the tree the starter builds, a root and one sub-supervisor per worker,
 * runs scheduled through {@code WorkerScheduler.of} the executor, no listener.</li>
 * </ul>
 * Figures: process CPU time and the pool threads' CPU time over the measured window as a share
 * of one core; retained heap per worker (used heap after full GCs, with the workers running,
 * minus before, over N); live threads before and after.
 */
final class Scale {

	private Scale() {
	}

	static void main(String[] args) throws Exception {
		Logs.quiet();
		String mode = args[0];
		int workers = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		LongAdder runs = new LongAdder();
		Runnable body = runs::increment;
		// load and warm the classes of the mode with a few workers first, so the heap figure is the workers'
		start(mode, 10, body).close();
		Thread.sleep(200);
		int threadsBefore = threads.getThreadCount();
		long heapBefore = usedHeapAfterGc();
		Started started = start(mode, workers, body);
		Thread.sleep(2_000);
		long heapAfter = usedHeapAfterGc();
		int threadsAfter = threads.getThreadCount();
		long runsStart = runs.sum();
		long cpuStart = os.getProcessCpuTime();
		long poolStart = poolCpu(threads);
		long wallStart = System.nanoTime();
		int peakThreads = threadsAfter;
		long end = wallStart + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			Thread.sleep(1_000);
			peakThreads = Math.max(peakThreads, threads.getThreadCount());
		}
		long wall = System.nanoTime() - wallStart;
		long cpu = os.getProcessCpuTime() - cpuStart;
		long pool = poolCpu(threads) - poolStart;
		long measuredRuns = runs.sum() - runsStart;
		started.close();
		String key = "scale." + mode;
		Raw.put(key + ".workers", workers);
		Raw.put(key + ".seconds", wall / 1e9);
		Raw.put(key + ".runs_per_s", measuredRuns / (wall / 1e9));
		Raw.put(key + ".cpu_share", (double) cpu / wall);
		Raw.put(key + ".pool_cpu_share", (double) pool / wall);
		Raw.put(key + ".heap_per_worker_bytes", (double) (heapAfter - heapBefore) / workers);
		Raw.put(key + ".threads_before", threadsBefore);
		Raw.put(key + ".threads_after", threadsAfter);
		Raw.put(key + ".threads_peak", peakThreads);
		Raw.put(key + ".pool_size", POOL);
	}

	static final int POOL = 4;

	private static Started start(String mode, int workers, Runnable body) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "bench-pool-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(POOL, factory);
		executor.setRemoveOnCancelPolicy(true);
		executor.prestartAllCoreThreads();
		long intervalNanos = TimeUnit.SECONDS.toNanos(1);
		if (mode.equals("executor")) {
			List<ScheduledFuture<?>> futures = new ArrayList<>(workers);
			for (int i = 0; i < workers; i++) {
				futures.add(executor.scheduleWithFixedDelay(body, intervalNanos * i / workers, intervalNanos,
						TimeUnit.NANOSECONDS));
			}
			return () -> {
				futures.forEach((future) -> future.cancel(false));
				executor.shutdownNow();
			};
		}
		Supervisor tree = supervised(executor, workers, body);
		tree.start();
		return () -> {
			tree.stop();
			executor.shutdownNow();
		};
	}

	/**
	 * @param executor times the ticks and the run timeouts
	 * @param workers how many workers
	 * @param body each run's body
	 * @return the tree of the {@code supervised} mode, not started: workers at a 1 s interval, first
	 * runs spread evenly over the first second
	 */
	static Supervisor supervised(ScheduledThreadPoolExecutor executor, int workers, Runnable body) {
		long intervalNanos = TimeUnit.SECONDS.toNanos(1);
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(executor), Watchdog.on(executor),
				WorkerListener.NONE, Clock.systemUTC()).withRunThreads(dev.resilience.runtime.RunThreads.platform(0));
		WorkerJob job = () -> {
			body.run();
			return true;
		};
		SupervisorBuilder root = Trees.root();
		for (int i = 0; i < workers; i++) {
			WorkerSpec spec = new WorkerSpec(String.format("worker-%05d", i), Duration.ofSeconds(1),
					Duration.ofNanos(intervalNanos * i / workers), null, Duration.ofSeconds(5), Restart.PERMANENT);
			root.child(Trees.isolated(spec, () -> job, runtime));
		}
		return root.build();
	}

	private static long poolCpu(ThreadMXBean threads) {
		long total = 0;
		for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("bench-pool-")) {
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				if (cpu > 0) {
					total += cpu;
				}
			}
		}
		return total;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(150);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	/** Stops what {@link #start} started. */
	private interface Started extends AutoCloseable {

		@Override
		void close();

	}

}
