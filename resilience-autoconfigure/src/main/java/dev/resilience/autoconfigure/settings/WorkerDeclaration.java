package dev.resilience.autoconfigure.settings;

import java.util.function.Supplier;

import dev.resilience.worker.SupervisedWorker;
import dev.resilience.worker.WorkerJob;

/**
 * A {@code @SupervisedWorker} method, or a {@code @Scheduled} one converted to it, as it was
 * found, before its settings are resolved.
 *
 * @param annotation the annotation, placeholders not yet resolved
 * @param location where it is, for messages: {@code Type.method}
 * @param jobs supplies a fresh job on every (re)start
 * @since 0.1.0
 */
public record WorkerDeclaration(String beanName, String methodName, SupervisedWorker annotation, String location,
		Supplier<? extends WorkerJob> jobs) {
}
