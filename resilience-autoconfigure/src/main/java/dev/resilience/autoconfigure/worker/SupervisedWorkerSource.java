package dev.resilience.autoconfigure.worker;

import java.util.List;

/**
 * Contributes workers to the supervision tree besides the {@code @SupervisedWorker} methods:
 * every bean of this type is asked once, when the tree is built at start-up.
 */
@FunctionalInterface
public interface SupervisedWorkerSource {

	/**
	 * @return the workers to supervise, validated
	 * @throws dev.resilience.autoconfigure.InvalidResiliencePropertyException if a setting is
	 * not allowed
	 */
	List<WorkerRegistration> workers();

}
