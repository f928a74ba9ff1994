/**
 * Supervised periodic workers: the {@link dev.resilience.worker.SupervisedWorker} annotation
 * and the Spring-free runtime that runs a job on a fixed delay as a child of a
 * {@link dev.resilience.supervisor.Supervisor}.
 */
package dev.resilience.worker;
