/**
 * Spring wiring of dependency checks: every {@code DependencyCheck} bean run as a supervised
 * worker, the built-in DataSource check, events.
 */
package dev.resilience.autoconfigure.check;
