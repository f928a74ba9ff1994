package dev.resilience.worker;

import java.time.Clock;
import java.util.Objects;

import dev.resilience.runtime.Watchdog;

/**
 * What running workers share: where runs are scheduled, the watchdog that times run timeouts,
 * who hears about runs, the clock, and who observes runs while they run.
 *
 * @param scheduler runs the workers' runs
 * @param watchdog times run timeouts and interrupts runs at shutdown
 * @param listener hears every run; {@link WorkerListener#NONE} makes runs skip timing them
 * @param clock tells the wall-clock time of runs, for status views
 * @param observer observes every run on its thread (tracing); {@link RunObserver#NONE} makes runs
 * skip observing
 * @since 0.1.0
 */
public record WorkerRuntime(WorkerScheduler scheduler, Watchdog watchdog, WorkerListener listener, Clock clock,
		RunObserver observer) {

	public WorkerRuntime {
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(watchdog, "watchdog");
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(observer, "observer");
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
		return new WorkerRuntime(this.scheduler, this.watchdog, listener, this.clock, this.observer);
	}

	/**
	 * @param observer another observer
	 * @return a copy with that observer
	 */
	public WorkerRuntime withObserver(RunObserver observer) {
		return new WorkerRuntime(this.scheduler, this.watchdog, this.listener, this.clock, observer);
	}

}
