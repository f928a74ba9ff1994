package dev.resilience.event;

/**
 * A running worker was stopped by its supervisor: at shutdown, by a strategy before a restart,
 * on request, or because the supervisor gave up.
 *
 * @param worker the worker's name
 * @param supervisor the id of the supervisor that stopped it
 *
 * @since 0.1.0
 */
public record WorkerStoppedEvent(String worker, String supervisor) {
}
