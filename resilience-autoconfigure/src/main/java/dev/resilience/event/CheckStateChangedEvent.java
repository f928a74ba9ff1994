package dev.resilience.event;

import dev.resilience.check.CheckState;

/**
 * A dependency check changed state.
 *
 * @param check the check's name
 * @param from the state before
 * @param to the state now
 * @param reason why, for people
 *
 * @since 0.1.0
 */
public record CheckStateChangedEvent(String check, CheckState from, CheckState to, String reason) {
}
