package dev.resilience.autoconfigure.settings;

import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The threads that run workers, unless a bean named resilienceRunThreads is defined.
 *
 * @param poolSize Idle threads kept for workers' next runs, when not on virtual threads. Never a
 * limit: a run that finds no idle thread gets a new one (a worker has at most one run in flight),
 * and threads beyond this many end after a minute idle.
 * @param threads The old name of pool-size, which it sets when given.
 * @since 0.1.0
 */
public record SchedulerProperties(@DefaultValue("4") int poolSize, Integer threads) {

	public SchedulerProperties {
		poolSize = (threads != null) ? threads : poolSize;
		threads = poolSize;
	}

	/**
	 * The pool size under its old name, kept under the deprecation policy (README, "Versioning and
	 * deprecation").
	 * @return the pool size
	 * @deprecated since 0.1.0 for removal one minor version later; use {@link #poolSize()}
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	@DeprecatedConfigurationProperty(replacement = "resilience.scheduler.pool-size", since = "0.1.0",
			reason = "Renamed to pool-size")
	public Integer threads() {
		return this.threads;
	}

}
