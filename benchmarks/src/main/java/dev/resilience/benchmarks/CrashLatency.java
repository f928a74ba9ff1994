package dev.resilience.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.runtime.Watchdog;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerSpec;

/**
 * Crash to restarted: a worker whose every run throws; the time from the throw (the job takes
 * {@code System.nanoTime()} right before {@code throw}, the exception already built) to the moment
 * its restarted child asks the scheduler for its next run (an instrumented
 * {@link WorkerScheduler}). All of it happens on the crashing run's thread: the worker's exit,
 * its sub-supervisor's restart-intensity check, the new incarnation's start.
 * <ul>
 * <li>{@code baseline}: the least any crash-surviving loop does: a hand-written task on the same
 * executor that catches the exception and schedules itself again;</li>
 * <li>{@code supervised}: the runtime, its logs off;</li>
 * <li>{@code supervised-logged}: the runtime with its log lines written synchronously to a file at
 * INFO with Spring Boot's pattern. Every crash is the same exception, so its worker's crash log
 * writes the stack trace (and its supervisor an INFO restart line) once, then one summary line a
 * minute: the crashes measured are the repeats of a crash loop, which write no line.</li>
 * </ul>
 * Interval 1 ms (the derived limit, 5,001 restarts in 5 s, is never reached); each path first
 * crashes 10,000 times at a 100 us interval to warm the JIT, then 1,000 crashes of warm-up, then
 * {@value #SAMPLES} measured.
 */
final class CrashLatency {

	static final int WARMUP = 1_000;

	static final int SAMPLES = 10_000;

	static final Duration INTERVAL = Duration.ofMillis(1);

	private final long[] samples;

	private final Duration interval;

	private int count;

	private volatile long crashedAt;

	private final CountDownLatch done = new CountDownLatch(1);

	private CrashLatency(Duration interval, int crashes) {
		this.interval = interval;
		this.samples = new long[crashes];
	}

	static void main(String[] args) throws Exception {
		Logs.quiet();
		String only = (args.length > 0) ? args[0] : "all";
		// warm the JIT on every path first (10,000 crashes each at a 100 us interval), then measure
		for (String variant : new String[] { "baseline", "supervised", "supervised-logged" }) {
			if (only.equals("all") || only.equals(variant)) {
				new CrashLatency(Duration.ofNanos(100_000), 10_000).measure(variant, false);
			}
		}
		for (String variant : new String[] { "baseline", "supervised", "supervised-logged" }) {
			if (only.equals("all") || only.equals(variant)) {
				new CrashLatency(INTERVAL, WARMUP + SAMPLES).measure(variant, true);
			}
		}
	}

	private void measure(String variant, boolean report) throws Exception {
		if (variant.equals("supervised-logged")) {
			Logs.runtimeToFile("target/crash-latency.log");
		}
		else {
			Logs.quiet();
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
		executor.setRemoveOnCancelPolicy(true);
		WorkerScheduler timed = timed(WorkerScheduler.of(executor));
		WorkerJob job = () -> {
			RuntimeException failure = new IllegalStateException("Invalid payment for job 42");
			this.crashedAt = System.nanoTime();
			throw failure;
		};
		Supervisor root = null;
		if (variant.equals("baseline")) {
			Runnable[] self = new Runnable[1];
			self[0] = () -> {
				try {
					job.runOnce();
				}
				catch (Throwable ex) {
					// survived
				}
				if (this.done.getCount() > 0) {
					timed.schedule(self[0], this.interval);
				}
			};
			timed.schedule(self[0], this.interval);
		}
		else {
			WorkerRuntime runtime = new WorkerRuntime(timed, Watchdog.on(executor), WorkerListener.NONE,
					Clock.systemUTC()).withRunThreads(dev.resilience.runtime.RunThreads.platform(0));
			WorkerSpec spec = new WorkerSpec("payments", this.interval, this.interval, null, Duration.ofSeconds(5),
					Restart.PERMANENT);
			root = Trees.root().child(Trees.isolated(spec, () -> job, runtime)).build();
			root.start();
		}
		this.done.await(5, TimeUnit.MINUTES);
		if (root != null) {
			root.stop();
		}
		executor.shutdownNow();
		executor.awaitTermination(10, TimeUnit.SECONDS);
		if (!report) {
			return;
		}
		Percentiles p = new Percentiles(java.util.Arrays.copyOfRange(this.samples, WARMUP, this.count),
				this.count - WARMUP);
		String key = "crash." + variant;
		Raw.put(key + ".p50_us", p.at(50) / 1000.0);
		Raw.put(key + ".p99_us", p.at(99) / 1000.0);
		Raw.put(key + ".p999_us", p.at(99.9) / 1000.0);
		Raw.put(key + ".max_us", p.max() / 1000.0);
		Raw.put(key + ".samples", p.count());
	}

	private WorkerScheduler timed(WorkerScheduler delegate) {
		return new WorkerScheduler() {

			@Override
			public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
				record();
				return delegate.schedule(task, delay);
			}

		};
	}

	/** The restarted worker is scheduling its first run: the crash is over. */
	private void record() {
		long now = System.nanoTime();
		long crashed = this.crashedAt;
		if (crashed != 0) {
			this.crashedAt = 0;
			if (this.count < this.samples.length) {
				this.samples[this.count++] = now - crashed;
				if (this.count == this.samples.length) {
					this.done.countDown();
				}
			}
		}
	}

}
