package dev.resilience.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorBuilder;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Cron, cost per run: {@code N} workers with an empty body on {@code * * * * * *} (every second),
 * in a JVM of their own (run.sh starts one per variant), 4 scheduler threads. Not JMH: a cron
 * fires at most once a second, so the figure is process CPU over a window, not a time per call.
 * <ul>
 * <li>{@code spring}: {@code ThreadPoolTaskScheduler.schedule(task, new CronTrigger(...))} per job,
 * what {@code @Scheduled(cron)} does (the baseline);</li>
 * <li>{@code supervised}: the tree the starter builds (a root, one sub-supervisor per worker), each
 * worker a {@code PeriodicWorker} on a {@code Schedule.Cron} over Spring's {@code CronExpression},
 * runs scheduled through {@code WorkerScheduler.of} a {@code ScheduledThreadPoolExecutor}, no
 * listener.</li>
 * </ul>
 * Arguments: variant, workers, measured seconds, warm-up seconds (default 5). Figures: runs/s and
 * process CPU ({@code getProcessCpuTime}) per run over the measured window, after the warm-up.
 * That clock counts in scheduler ticks on Linux (10 ms), so a short window gives coarse figures:
 * 30 s of 2,000 workers is about 60,000 runs.
 */
final class CronCost {

	static final String EXPRESSION = "* * * * * *";

	static final int POOL = 4;

	private CronCost() {
	}

	static void main(String[] args) throws Exception {
		Logs.quiet();
		String variant = args[0];
		int workers = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		int warmup = (args.length > 3) ? Integer.parseInt(args[3]) : 5;
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		LongAdder runs = new LongAdder();
		AutoCloseable started = switch (variant) {
			case "spring" -> spring(workers, runs);
			case "supervised" -> supervised(workers, runs);
			default -> throw new IllegalArgumentException("unknown variant " + variant);
		};
		Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
		System.gc();
		Thread.sleep(300);
		long runsStart = runs.sum();
		long cpuStart = os.getProcessCpuTime();
		long wallStart = System.nanoTime();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		long wall = System.nanoTime() - wallStart;
		long cpu = os.getProcessCpuTime() - cpuStart;
		long measuredRuns = runs.sum() - runsStart;
		started.close();
		String key = "cron." + variant;
		Raw.put(key + ".workers", workers);
		Raw.put(key + ".seconds", wall / 1e9);
		Raw.put(key + ".runs", measuredRuns);
		Raw.put(key + ".runs_per_s", measuredRuns / (wall / 1e9));
		Raw.put(key + ".cpu_share", (double) cpu / wall);
		Raw.put(key + ".cpu_ns_per_run", (measuredRuns > 0) ? (double) cpu / measuredRuns : Double.NaN);
	}

	private static AutoCloseable spring(int workers, LongAdder runs) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(POOL);
		scheduler.setThreadNamePrefix("bench-pool-");
		scheduler.initialize();
		Runnable body = runs::increment;
		List<ScheduledFuture<?>> futures = new ArrayList<>(workers);
		for (int i = 0; i < workers; i++) {
			futures.add(scheduler.schedule(body, new CronTrigger(EXPRESSION)));
		}
		return () -> {
			futures.forEach((future) -> future.cancel(false));
			scheduler.shutdown();
		};
	}

	private static AutoCloseable supervised(int workers, LongAdder runs) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "bench-pool-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(POOL, factory);
		executor.setRemoveOnCancelPolicy(true);
		executor.prestartAllCoreThreads();
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(executor), Watchdog.on(executor),
				WorkerListener.NONE, Clock.systemUTC()).withRunThreads(dev.resilience.runtime.RunThreads.platform(0));
		Schedule.Cron schedule = cron(EXPRESSION, ZoneId.systemDefault());
		WorkerJob job = () -> {
			runs.increment();
			return true;
		};
		SupervisorBuilder root = Trees.root();
		for (int i = 0; i < workers; i++) {
			WorkerSpec spec = new WorkerSpec(String.format("worker-%05d", i), schedule, null, null,
					Duration.ofSeconds(5), Restart.PERMANENT);
			root.child(Trees.isolated(spec, () -> job, runtime));
		}
		Supervisor tree = root.build();
		tree.start();
		return () -> {
			tree.stop();
			executor.shutdownNow();
		};
	}

	/**
	 * A cron schedule as the starter builds it (its {@code WorkerResolution} is package-private):
	 * Spring's {@code CronExpression} gives the next fire time; the shortest gap is the gap
	 * between the next two fires, which is the shortest for an expression that fires every
	 * second.
	 */
	static Schedule.Cron cron(String expression, ZoneId zone) {
		CronExpression cron = CronExpression.parse(expression);
		ZonedDateTime first = cron.next(ZonedDateTime.now(zone));
		Duration gap = Duration.between(first, cron.next(first));
		Schedule.NextFire fires = (after) -> {
			ZonedDateTime next = cron.next(after.atZone(zone));
			return (next != null) ? next.toInstant() : null;
		};
		return new Schedule.Cron(expression, zone.getId(), fires, gap);
	}

}
