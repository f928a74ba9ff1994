package dev.resilience.check;

import java.time.Instant;

import dev.resilience.runtime.Failures;

/**
 * The hysteresis of one check: starts DEGRADED; any failed check makes it DEGRADED; it becomes
 * CONNECTED only after {@code passingChecks} passes in a row. Not thread-safe: its
 * {@link CheckRunner} guards it.
 */
final class CheckStateMachine {

	static final String NOT_YET_PASSED = "no check has passed yet";

	private final String name;

	private final int passingChecks;

	private CheckState state = CheckState.DEGRADED;

	private int consecutivePasses;

	private String reason = NOT_YET_PASSED;

	private String lastFailure;

	private Instant lastFailureAt;

	CheckStateMachine(String name, int passingChecks) {
		this.name = name;
		this.passingChecks = passingChecks;
	}

	/**
	 * A check passed.
	 * @return {@code true} if that made the check CONNECTED
	 */
	boolean passed() {
		this.consecutivePasses++;
		if (this.state == CheckState.DEGRADED && this.consecutivePasses >= this.passingChecks) {
			this.state = CheckState.CONNECTED;
			this.reason = null;
			return true;
		}
		return false;
	}

	/**
	 * A check failed.
	 * @param failure what it threw
	 * @param at when
	 * @return {@code true} if that made the check DEGRADED (it was CONNECTED)
	 */
	boolean failed(Throwable failure, Instant at) {
		boolean wasConnected = this.state == CheckState.CONNECTED;
		this.state = CheckState.DEGRADED;
		this.consecutivePasses = 0;
		this.lastFailure = Failures.describe(failure);
		this.lastFailureAt = at;
		this.reason = "check failed: " + this.lastFailure;
		return wasConnected;
	}

	CheckState state() {
		return this.state;
	}

	CheckSnapshot snapshot() {
		return snapshot(0, 0, 0);
	}

	CheckSnapshot snapshot(int reportedFailures, int passiveFailures, long passiveTriggers) {
		return new CheckSnapshot(this.name, this.state, this.consecutivePasses, this.passingChecks, this.reason,
				this.lastFailure, this.lastFailureAt, reportedFailures, passiveFailures, passiveTriggers);
	}

}
