/**
 * The supervision tree of an application, Spring-free: {@link dev.resilience.tree.SupervisionTree}
 * puts every worker under its own sub-supervisor (or its group's) with the restart intensity
 * derived from its interval, wraps cluster singletons in their cluster lock, raises crash-loop
 * and lock alarms, runs dependency checks as workers, starts and stops everything in order, takes
 * per-worker commands, and gives one joined {@link dev.resilience.tree.WorkerSnapshot} per worker.
 *
 * <p>Nothing in this package imports Spring: the Spring Boot starter only resolves settings into
 * {@link dev.resilience.tree.WorkerSettings} and ties the tree's life to the application
 * context's.
 */
package dev.resilience.tree;
