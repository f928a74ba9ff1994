package dev.resilience.event;

/**
 * A worker was restarted by its supervisor.
 *
 * @param worker the worker's name
 * @param supervisor the id of the supervisor that restarted it
 *
 * @since 0.1.0
 */
public record WorkerRestartedEvent(String worker, String supervisor) {
}
