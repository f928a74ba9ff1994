package dev.resilience.worker;

import java.util.Locale;

/**
 * What happened to this instance's hold on a cluster singleton's lease: the {@code event} tag of
 * the meter {@code resilience.worker.lease}.
 *
 * @since 0.1.0
 */
public enum LeaseEvent {

	/** Took a lease that was free: never taken, or released by its holder. */
	ACQUIRED,

	/** Renewed a lease it holds. */
	RENEWED,

	/** Gave a lease up: on a graceful stop, or while the worker is paused, parked or stopped. */
	RELEASED,

	/**
	 * Lost a lease it held: a renewal found it expired or moved, failed too long, or was skipped
	 * because a run outlived its timeout.
	 */
	LOST,

	/** Took a lease that another instance held and let expire without releasing it. */
	TAKEN_OVER;

	/** @return the meter tag: {@code acquired}, {@code renewed}, {@code released}, {@code lost}, {@code taken-over} */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
