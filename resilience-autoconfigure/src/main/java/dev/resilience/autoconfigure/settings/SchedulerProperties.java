package dev.resilience.autoconfigure.settings;

/**
 * The scheduler that runs workers, unless a bean named resilienceTaskScheduler is defined.
 *
 * @since 0.1.0
 */
public class SchedulerProperties {

	/**
	 * Threads that run workers, when not on virtual threads.
	 */
	private int poolSize = 4;

	public int getPoolSize() {
		return this.poolSize;
	}

	public void setPoolSize(int poolSize) {
		this.poolSize = poolSize;
	}

}
