/**
 * Spring wiring of the runtime's events: {@link dev.resilience.autoconfigure.event.ResilienceEventPublisher}
 * turns worker, supervision, check and alarm transitions into application events.
 */
package dev.resilience.autoconfigure.event;
