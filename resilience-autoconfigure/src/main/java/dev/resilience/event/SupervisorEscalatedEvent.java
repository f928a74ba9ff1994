package dev.resilience.event;

import dev.resilience.supervisor.Intensity;

/**
 * A supervisor exceeded its restart intensity: it stopped its children and failed to its
 * parent.
 *
 * @param supervisor the supervisor's id
 * @param intensity the intensity it exceeded
 */
public record SupervisorEscalatedEvent(String supervisor, Intensity intensity) {
}
