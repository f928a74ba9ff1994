package dev.resilience.autoconfigure.settings;

import java.util.function.Supplier;

import dev.resilience.tree.WorkerSettings;
import dev.resilience.worker.WorkerJob;

/**
 * A worker with its settings resolved and validated, ready for the supervision tree.
 *
 * @param jobs supplies a fresh job on every (re)start
 * @param location where it was declared, for messages
 * @since 0.1.0
 */
public record ResolvedWorker(WorkerSettings settings, Supplier<? extends WorkerJob> jobs, String location) {
}
