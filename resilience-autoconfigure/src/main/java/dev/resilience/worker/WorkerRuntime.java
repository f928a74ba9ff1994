package dev.resilience.worker;

import java.time.Clock;
import java.util.Objects;

/**
 * What running workers share: where runs are scheduled, where run timeouts are timed, who hears
 * about runs, and the clock.
 *
 * <p>Timeouts have a scheduler of their own so that a pool full of hung runs cannot delay the
 * interruption that frees it: one small thread that only times and interrupts is enough.
 *
 * @param scheduler runs the workers' runs
 * @param timeouts times run timeouts; its tasks only interrupt a thread
 * @param listener hears every run
 * @param clock tells the time of failed runs, for status views
 */
public record WorkerRuntime(WorkerScheduler scheduler, WorkerScheduler timeouts, WorkerListener listener,
		Clock clock) {

	public WorkerRuntime {
		Objects.requireNonNull(scheduler, "scheduler");
		Objects.requireNonNull(timeouts, "timeouts");
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(clock, "clock");
	}

}
