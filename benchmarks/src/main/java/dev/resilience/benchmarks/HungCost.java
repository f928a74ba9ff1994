package dev.resilience.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.runtime.RunThreads;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.SupervisionTreeBuilder;
import dev.resilience.tree.WorkerSettings;

/**
 * What a hung worker costs: {@code hung} workers whose runs never return (no timeout) and one
 * healthy worker at 100 ms, in a tree built as the starter builds it (its own timer and run
 * threads). Once every hung run has started, it counts the threads the tree started per hung
 * worker and their states, and the healthy worker's runs over 5 s against its 50 at full cadence.
 *
 * <p>Usage: {@code hung <workers> [virtual]}.
 */
final class HungCost {

	private HungCost() {
	}

	public static void main(String[] args) throws Exception {
		int hung = Integer.parseInt(args[0]);
		boolean virtual = args.length > 1 && "virtual".equals(args[1]);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(hung);
		AtomicInteger healthyRuns = new AtomicInteger();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		Alarms alarms = Alarms.builder().build();
		RunThreads runThreads = virtual ? RunThreads.virtual() : RunThreads.platform(0);
		SupervisionTreeBuilder builder = SupervisionTree.builder().alarms(alarms).runThreads(runThreads);
		for (int i = 0; i < hung; i++) {
			builder.worker(WorkerSettings.of("hung-" + i, Duration.ofMillis(100)), () -> () -> {
				started.countDown();
				release.await();
				return true;
			});
		}
		builder.worker(WorkerSettings.of("healthy", Duration.ofMillis(100)), () -> () -> {
			healthyRuns.incrementAndGet();
			return true;
		});
		SupervisionTree tree = builder.build();
		tree.start();
		if (!started.await(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("only " + (hung - started.getCount()) + " of " + hung + " hung runs started");
		}
		int before = healthyRuns.get();
		Thread.sleep(5_000); // the measurement window of the healthy worker's cadence
		int healthy = healthyRuns.get() - before;
		ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
		long runThreadsAlive = Arrays.stream(threads)
			.filter((info) -> info.getThreadName().startsWith(RunThreads.THREAD_PREFIX))
			.count();
		long parked = Arrays.stream(threads)
			.filter((info) -> info.getThreadName().startsWith(RunThreads.THREAD_PREFIX))
			.filter((info) -> info.getThreadState() == Thread.State.WAITING
					|| info.getThreadState() == Thread.State.TIMED_WAITING)
			.count();
		int threadsAdded = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
		String key = "hung." + (virtual ? "virtual" : "platform");
		Raw.put(key + ".workers", hung);
		Raw.put(key + ".platform_threads_added", threadsAdded);
		Raw.put(key + ".platform_threads_added_per_hung_worker", (double) threadsAdded / hung);
		Raw.put(key + ".run_threads_waiting", parked);
		Raw.put(key + ".run_threads", runThreadsAlive);
		Raw.put(key + ".healthy_cadence_percent", healthy * 100.0 / 50);
		release.countDown();
		tree.stop();
		alarms.close();
		runThreads.close();
	}

}
