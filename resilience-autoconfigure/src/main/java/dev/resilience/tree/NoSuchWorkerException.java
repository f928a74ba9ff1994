package dev.resilience.tree;

import java.util.List;

/**
 * A command named a worker the tree does not have.
 *
 * @since 0.1.0
 */
public class NoSuchWorkerException extends IllegalArgumentException {

	private final String worker;

	/**
	 * @param worker the name given
	 * @param workers the names the tree has
	 */
	public NoSuchWorkerException(String worker, List<String> workers) {
		super("No worker named '" + worker + "'; workers are " + workers);
		this.worker = worker;
	}

	/** @return the name given */
	public String getWorker() {
		return this.worker;
	}

}
