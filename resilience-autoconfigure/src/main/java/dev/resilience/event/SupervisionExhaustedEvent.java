package dev.resilience.event;

import dev.resilience.supervisor.Intensity;

/**
 * The root supervisor gave up: every worker is stopped and
 * {@code resilience.supervisor.on-exhausted} is applied.
 *
 * @param intensity the root's intensity, exceeded
 * @param cause the exit that needed one restart too many
 *
 * @since 0.1.0
 */
public record SupervisionExhaustedEvent(Intensity intensity, Throwable cause) {
}
