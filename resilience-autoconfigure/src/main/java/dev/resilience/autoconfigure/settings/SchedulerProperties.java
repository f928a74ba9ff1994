package dev.resilience.autoconfigure.settings;

/**
 * The threads that run workers, unless a bean named resilienceRunThreads is defined.
 *
 * @since 0.1.0
 */
public class SchedulerProperties {

	/**
	 * Idle threads kept for workers' next runs, when not on virtual threads. Never a limit: a run
	 * that finds no idle thread gets a new one (a worker has at most one run in flight), and
	 * threads beyond this many end after a minute idle.
	 */
	private int poolSize = 4;

	public int getPoolSize() {
		return this.poolSize;
	}

	public void setPoolSize(int poolSize) {
		this.poolSize = poolSize;
	}

}
