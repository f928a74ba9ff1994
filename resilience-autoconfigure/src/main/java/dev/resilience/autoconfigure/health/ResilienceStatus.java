package dev.resilience.autoconfigure.health;

import java.util.List;

import org.springframework.boot.health.contributor.Status;

/**
 * Health statuses of the resilience starter.
 * <p>
 * {@link #DEGRADED} is a status of its own: an instance that still runs but should not take
 * traffic. Out of the box it ranks between {@link Status#OUT_OF_SERVICE} and {@link Status#UP}
 * (see {@link #DEFAULT_ORDER}) and maps to HTTP 503, with no
 * {@code management.endpoint.health.status.*} property needed.
 *
 * @since 0.1.0
 */
public final class ResilienceStatus {

	/**
	 * The component works, but not well enough to be relied on: a major alarm is set or a
	 * dependency check has not passed often enough yet.
	 */
	public static final Status DEGRADED = new Status("DEGRADED");

	/**
	 * The status order used when {@code management.endpoint.health.status.order} is not set,
	 * most severe first: {@code DOWN}, {@code OUT_OF_SERVICE}, {@code DEGRADED}, {@code UP},
	 * {@code UNKNOWN}.
	 */
	public static final List<Status> DEFAULT_ORDER = List.of(Status.DOWN, Status.OUT_OF_SERVICE, DEGRADED,
			Status.UP, Status.UNKNOWN);

	private ResilienceStatus() {
	}

}
