package dev.resilience.event;

import dev.resilience.worker.RunOutcome;

/**
 * A worker's run crashed: it threw, or ran past its timeout.
 *
 * @param worker the worker's name
 * @param outcome {@link RunOutcome#FAILURE} or {@link RunOutcome#TIMEOUT}
 * @param exception what the run threw
 *
 * @since 0.1.0
 */
public record WorkerCrashedEvent(String worker, RunOutcome outcome, Throwable exception) {
}
