package dev.resilience.worker;

import java.time.Clock;
import java.util.Objects;

import dev.resilience.runtime.Watchdog;

/**
 * What running workers share: where runs are scheduled, the watchdog that times run timeouts,
 * who hears about runs, and the clock.
 *
 * @param scheduler runs the workers' runs
 * @param watchdog times run timeouts and interrupts runs at shutdown
 * @param listener hears every run; {@link WorkerListener#NONE} makes runs skip timing them
 * @param clock tells the wall-clock time of runs, for status views
 * @since 0.1.0
 */
public record WorkerRuntime(WorkerScheduler scheduler, Watchdog watchdog, WorkerListener listener, Clock clock) {

	public WorkerRuntime {
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(watchdog, "watchdog");
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(clock, "clock");
	}

	/**
	 * @param listener another listener
	 * @return a copy with that listener
	 */
	public WorkerRuntime withListener(WorkerListener listener) {
		return new WorkerRuntime(this.scheduler, this.watchdog, listener, this.clock);
	}

}
