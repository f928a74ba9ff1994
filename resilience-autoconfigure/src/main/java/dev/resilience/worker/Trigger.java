package dev.resilience.worker;

/**
 * What a request to run a worker now did.
 *
 * @since 0.1.0
 */
public enum Trigger {

	/** A run starts now; later runs follow the schedule from this one. */
	STARTED,

	/** A run is in progress: no second run is started beside it. */
	RUN_IN_PROGRESS,

	/** The worker is paused: resume it first. */
	PAUSED,

	/** The worker is parked: a check it depends on is DEGRADED; it runs again once all are CONNECTED. */
	PARKED,

	/** The worker is not running: stopped, exited, or its supervisor is down. */
	NOT_RUNNING

}
