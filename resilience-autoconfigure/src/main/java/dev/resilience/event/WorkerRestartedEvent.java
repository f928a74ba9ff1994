package dev.resilience.event;

/**
 * A worker was restarted by its supervisor.
 *
 * @param worker the worker's name
 * @param supervisor the id of the supervisor that restarted it
 */
public record WorkerRestartedEvent(String worker, String supervisor) {
}
