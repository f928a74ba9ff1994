package dev.resilience.worker;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import dev.resilience.runtime.Watchdog;

/**
 * What running workers share: the timer of their ticks, the threads their runs execute on, the
 * watchdog that times run timeouts, who hears about runs, the clock, who observes runs while they
 * run, and the random numbers that spread restart backoff delays.
 *
 * @param scheduler times the workers' ticks; its tasks only hand runs to {@code runThreads}
 * @param runThreads executes the runs: {@link dev.resilience.runtime.RunThreads} in a tree, so a run
 * that never returns ties up only its own worker; {@link #ON_TIMER} (the constructors without it)
 * runs them on the scheduler's thread, for tests with a manual scheduler
 * @param watchdog times run timeouts and interrupts runs at shutdown
 * @param listener hears every run, isolated by {@link dev.resilience.runtime.Listeners} (a listener
 * that throws is logged once); {@link WorkerListener#NONE} makes runs skip timing them
 * @param clock tells the wall-clock time of runs, for status views
 * @param observer observes every run on its thread (tracing); {@link RunObserver#NONE} makes runs
 * skip observing
 * @param random spreads each restart backoff delay within its jitter ({@link Backoff#jitter()});
 * {@link #THREAD_LOCAL_RANDOM} unless a test needs a seeded one
 * @since 0.1.0
 */
public record WorkerRuntime(WorkerScheduler scheduler, Executor runThreads, Watchdog watchdog, WorkerListener listener, Clock clock,
		RunObserver observer, RandomGenerator random) {

	/** Random numbers from {@link ThreadLocalRandom#current()} of the calling thread. */
	public static final RandomGenerator THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextLong();

	/** Runs on the thread that fired the tick: the scheduler's. */
	public static final Executor ON_TIMER = Runnable::run;

	public WorkerRuntime {
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(runThreads, "runThreads");
		Objects.requireNonNull(watchdog, "watchdog");
		listener = WorkerListener.composite(List.of(Objects.requireNonNull(listener, "listener")));
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(observer, "observer");
		Objects.requireNonNull(random, "random");
	}

	/**
	 * A runtime whose runs execute on the scheduler's thread.
	 * @param scheduler times and runs the workers' runs
	 * @param watchdog times run timeouts and interrupts runs at shutdown
	 * @param listener hears every run
	 * @param clock tells the wall-clock time of runs
	 * @param observer observes every run on its thread
	 * @param random spreads each restart backoff delay within its jitter
	 */
	public WorkerRuntime(WorkerScheduler scheduler, Watchdog watchdog, WorkerListener listener, Clock clock,
			RunObserver observer, RandomGenerator random) {
		this(scheduler, ON_TIMER, watchdog, listener, clock, observer, random);
	}

	/**
	 * A runtime whose backoff delays are spread by {@link #THREAD_LOCAL_RANDOM}.
	 * @param scheduler runs the workers' runs
	 * @param watchdog times run timeouts and interrupts runs at shutdown
	 * @param listener hears every run
	 * @param clock tells the wall-clock time of runs
	 * @param observer observes every run on its thread
	 */
	public WorkerRuntime(WorkerScheduler scheduler, Watchdog watchdog, WorkerListener listener, Clock clock,
			RunObserver observer) {
		this(scheduler, watchdog, listener, clock, observer, THREAD_LOCAL_RANDOM);
	}

	/**
	 * A runtime whose runs nobody observes.
	 * @param scheduler runs the workers' runs
	 * @param watchdog times run timeouts and interrupts runs at shutdown
	 * @param listener hears every run
	 * @param clock tells the wall-clock time of runs
	 */
	public WorkerRuntime(WorkerScheduler scheduler, Watchdog watchdog, WorkerListener listener, Clock clock) {
		this(scheduler, watchdog, listener, clock, RunObserver.NONE);
	}

	/**
	 * @param listener another listener
	 * @return a copy with that listener
	 */
	public WorkerRuntime withListener(WorkerListener listener) {
		return new WorkerRuntime(this.scheduler, this.runThreads, this.watchdog, listener, this.clock, this.observer, this.random);
	}

	/**
	 * @param observer another observer
	 * @return a copy with that observer
	 */
	public WorkerRuntime withObserver(RunObserver observer) {
		return new WorkerRuntime(this.scheduler, this.runThreads, this.watchdog, this.listener, this.clock, observer, this.random);
	}

	/**
	 * @param runThreads other run threads
	 * @return a copy whose runs execute on them
	 */
	public WorkerRuntime withRunThreads(Executor runThreads) {
		return new WorkerRuntime(this.scheduler, runThreads, this.watchdog, this.listener, this.clock, this.observer,
				this.random);
	}

	/**
	 * @param random other random numbers, such as a seeded generator in a test
	 * @return a copy that spreads backoff delays with them
	 */
	public WorkerRuntime withRandom(RandomGenerator random) {
		return new WorkerRuntime(this.scheduler, this.runThreads, this.watchdog, this.listener, this.clock, this.observer, random);
	}

}
