/**
 * Micrometer meters of the runtime: workers' runs, durations and restarts, escalations, cluster
 * lock attempts ({@link dev.resilience.metrics.WorkerMetrics}), alarm transitions, handler
 * failures and remedy runs ({@link dev.resilience.metrics.AlarmMetrics}), active alarms by
 * severity ({@link dev.resilience.metrics.AlarmGauges}), each alarm set or not
 * ({@link dev.resilience.metrics.AlarmActiveGauges}), check states and durations
 * ({@link dev.resilience.metrics.CheckMetrics}); each run as an observation, a span with
 * Micrometer Tracing ({@link dev.resilience.metrics.WorkerObservations}). Needs only Micrometer,
 * not Spring: each class is a listener or observer of the runtime.
 */
package dev.resilience.metrics;
