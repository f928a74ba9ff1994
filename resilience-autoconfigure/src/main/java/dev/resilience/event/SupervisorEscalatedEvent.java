package dev.resilience.event;

import dev.resilience.supervisor.Intensity;

/**
 * A supervisor exceeded its restart intensity: it stopped its children and failed to its
 * parent.
 *
 * @param supervisor the supervisor's id
 * @param intensity the intensity it exceeded
 *
 * @since 0.1.0
 */
public record SupervisorEscalatedEvent(String supervisor, Intensity intensity) {
}
