/**
 * Spring wiring of supervised workers: discovery of {@code @SupervisedWorker} methods, their
 * settings, the supervision tree and its lifecycle, events.
 */
package dev.resilience.autoconfigure.worker;
