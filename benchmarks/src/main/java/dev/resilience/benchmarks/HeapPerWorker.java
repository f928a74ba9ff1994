package dev.resilience.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.resilience.supervisor.Supervisor;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.util.Multiset;

/**
 * Where the retained heap of {@link Scale}'s {@code supervised} mode goes, by class: the object
 * graph (JOL's {@link GraphLayout}) of a running tree of {@code 2N} workers and its executor, less
 * that of one of {@code N}, class by class, over {@code N}; whatever does not grow with the
 * workers (the executor, the run threads' class loader) cancels out. Prints the table, largest
 * first, and {@code RAW heap.jol.*}. Run with {@code -Djdk.attach.allowAttachSelf=true
 * -Djol.magicFieldOffset=true}.
 */
final class HeapPerWorker {

	private HeapPerWorker() {
	}

	static void main(String[] args) throws Exception {
		Logs.quiet();
		int workers = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000;
		Runnable body = () -> {
		};
		layout(workers, body); // loads the classes and the method handles the runs use
		GraphLayout fewer = layout(workers, body);
		GraphLayout more = layout(2 * workers, body);
		Set<Class<?>> classes = new HashSet<>(more.getClasses());
		classes.addAll(fewer.getClasses());
		List<Class<?>> sorted = new ArrayList<>(classes);
		sorted.sort(Comparator.comparingLong((Class<?> type) -> grown(more.getClassSizes(), fewer.getClassSizes(), type))
			.reversed());
		System.out.printf("%10s %10s %10s  %s%n", "count/w", "avg", "bytes/w", "class");
		long totalSize = 0;
		long totalCount = 0;
		for (Class<?> type : sorted) {
			long size = grown(more.getClassSizes(), fewer.getClassSizes(), type);
			long count = grown(more.getClassCounts(), fewer.getClassCounts(), type);
			totalSize += size;
			totalCount += count;
			if (Math.abs(size) >= workers / 10) {
				System.out.printf("%10.2f %10d %10.1f  %s%n", (double) count / workers,
						(count != 0) ? size / count : 0, (double) size / workers, type.getName());
			}
		}
		System.out.printf("%10.2f %10s %10.1f  %s%n", (double) totalCount / workers, "", (double) totalSize / workers,
				"(total)");
		Raw.put("heap.jol.workers", workers);
		Raw.put("heap.jol.bytes_per_worker", (double) totalSize / workers);
		Raw.put("heap.jol.objects_per_worker", (double) totalCount / workers);
	}

	private static long grown(Multiset<Class<?>> more, Multiset<Class<?>> fewer, Class<?> type) {
		return more.count(type) - fewer.count(type);
	}

	/** @return the graph of a tree of {@code workers} that has run for two seconds, and of its executor */
	private static GraphLayout layout(int workers, Runnable body) throws InterruptedException {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(Scale.POOL, (runnable) -> {
			Thread thread = new Thread(runnable, "bench-pool");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		Supervisor tree = Scale.supervised(executor, workers, body);
		tree.start();
		Thread.sleep(2_000);
		GraphLayout layout = GraphLayout.parseInstance(tree, executor);
		tree.stop();
		executor.shutdownNow();
		return layout;
	}

}
