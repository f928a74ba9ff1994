/**
 * Spring wiring of dependency checks: the built-in DataSource check. Every
 * {@code DependencyCheck} bean runs in the supervision tree, started by
 * {@link dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle}.
 */
package dev.resilience.autoconfigure.check;
