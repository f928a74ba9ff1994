import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Issue 19's floor probe: what 1,000 no-op tasks at 1 s cost on a bare JDK
 * {@code ScheduledThreadPoolExecutor}, with no starter code at all, by how their wake-ups are
 * arranged. Run with the source launcher (nothing to build):
 *
 * <pre>
 * java benchmarks/probes/WakeupCost.java 1000 spread           # each task at its own phase
 * java benchmarks/probes/WakeupCost.java 1000 aligned          # all tasks at one phase
 * java benchmarks/probes/WakeupCost.java 1000 coalesced        # due times rounded onto a grid
 * java benchmarks/probes/WakeupCost.java 1000 spread handoff   # each run handed to a pool thread
 * java benchmarks/probes/WakeupCost.java 1 spread              # the idle JVM
 * </pre>
 *
 * It prints the process CPU over 20 s (after 5 s) as a share of one core and per run, and the
 * context switches per second of all the JVM's threads (from {@code /proc/self/task}).
 * "coalesced" rounds each due time up to a power-of-two grid of at most 1/64 of the delay and
 * 8.4 ms, and fires all tasks of one grid point from one timer task, so they share a wake-up.
 */
public final class WakeupCost {

	private static final long PERIOD = 1_000_000_000L;

	private static final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

	private static final ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
			new SynchronousQueue<>());

	private static final ConcurrentHashMap<Long, List<Runnable>> slots = new ConcurrentHashMap<>();

	private static String mode;

	private static boolean handoff;

	public static void main(String[] args) throws Exception {
		int tasks = Integer.parseInt(args[0]);
		mode = args[1];
		handoff = args.length > 2 && args[2].equals("handoff");
		for (int i = 0; i < tasks; i++) {
			long first = mode.equals("aligned") ? PERIOD : ThreadLocalRandom.current().nextLong(PERIOD) + 1_000_000;
			schedule(new Task(), first);
		}
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		Thread.sleep(5_000);
		long switches0 = contextSwitches();
		long cpu0 = os.getProcessCpuTime();
		long wall0 = System.nanoTime();
		Thread.sleep(20_000);
		long cpu1 = os.getProcessCpuTime();
		long wall1 = System.nanoTime();
		long switches1 = contextSwitches();
		double seconds = (wall1 - wall0) / 1e9;
		System.out.printf("tasks=%d mode=%s handoff=%s: process CPU %.2f %% of a core, %.1f us per run, %d context switches/s%n",
				tasks, mode, handoff, (cpu1 - cpu0) * 100.0 / (wall1 - wall0), (cpu1 - cpu0) / 1000.0 / (tasks * seconds),
				Math.round((switches1 - switches0) / seconds));
		System.exit(0);
	}

	private static void schedule(Runnable task, long delay) {
		if (!mode.equals("coalesced")) {
			timer.schedule(task, delay, TimeUnit.NANOSECONDS);
			return;
		}
		long grid = Math.min(Long.highestOneBit(delay / 64), 1L << 23);
		long now = System.nanoTime();
		long slot = (now + delay + grid - 1) & -grid;
		boolean[] first = { false };
		slots.compute(slot, (key, list) -> {
			if (list == null) {
				list = new ArrayList<>();
				first[0] = true;
			}
			list.add(task);
			return list;
		});
		if (first[0]) {
			timer.schedule(() -> slots.remove(slot).forEach(Runnable::run), slot - now, TimeUnit.NANOSECONDS);
		}
	}

	private static long contextSwitches() throws Exception {
		long sum = 0;
		try (var threads = Files.list(Path.of("/proc/self/task"))) {
			for (Path thread : (Iterable<Path>) threads::iterator) {
				try {
					for (String line : Files.readAllLines(thread.resolve("status"))) {
						if (line.contains("ctxt_switches")) {
							sum += Long.parseLong(line.split("\\s+")[1]);
						}
					}
				}
				catch (java.io.IOException ex) {
					// the thread ended while it was read
				}
			}
		}
		return sum;
	}

	/** A no-op run that schedules its next one a period later (a fixed delay). */
	private static final class Task implements Runnable {

		@Override
		public void run() {
			if (handoff) {
				pool.execute(() -> schedule(this, PERIOD));
			}
			else {
				schedule(this, PERIOD);
			}
		}

	}

}
