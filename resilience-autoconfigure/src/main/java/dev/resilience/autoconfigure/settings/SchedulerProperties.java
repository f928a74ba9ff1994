package dev.resilience.autoconfigure.settings;

import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

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

	/**
	 * The old name of {@code pool-size}, kept as an alias under the project's deprecation policy
	 * (README, "Versioning and deprecation"): it binds to the same value, and the configuration
	 * metadata marks it deprecated with its replacement, so IDEs strike it through.
	 * @return the pool size
	 * @deprecated since 0.1.0 for removal one minor version later; use {@link #getPoolSize()}
	 * ({@code resilience.scheduler.pool-size})
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	@DeprecatedConfigurationProperty(replacement = "resilience.scheduler.pool-size", since = "0.1.0",
			reason = "Renamed to pool-size")
	public int getThreads() {
		return this.poolSize;
	}

	/**
	 * Sets the pool size through the old name {@code resilience.scheduler.threads}.
	 * @param threads the pool size
	 * @deprecated since 0.1.0 for removal one minor version later; use {@link #setPoolSize(int)}
	 * ({@code resilience.scheduler.pool-size})
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	public void setThreads(int threads) {
		this.poolSize = threads;
	}

}
