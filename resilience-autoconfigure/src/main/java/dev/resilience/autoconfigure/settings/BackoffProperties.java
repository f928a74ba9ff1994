package dev.resilience.autoconfigure.settings;

import java.time.Duration;

/**
 * Restart backoff of one worker: off unless {@code initial} is set. Unset keys are {@code null}
 * and take their defaults when the worker is resolved, so that a key set without
 * {@code initial} can be told from a default and rejected.
 *
 * @since 0.1.0
 */
public class BackoffProperties {

	/**
	 * Delay between the first crash in a row and the first run of the restarted worker. Setting
	 * it turns backoff on; it then replaces the interval for that one delay.
	 */
	private Duration initial;

	/**
	 * Longest delay between a crash and the restarted worker's first run. Defaults to 32 times
	 * the initial delay.
	 */
	private Duration max;

	/**
	 * How much each further crash in a row multiplies the delay, at least 1. Defaults to 2.
	 */
	private Double multiplier;

	/**
	 * Random spread of each delay, as a fraction of it (0.2 is ±20%), from 0 to 1. Defaults to
	 * 0.2.
	 */
	private Double jitter;

	/**
	 * How long a restarted worker must run without crashing, counted from its first run, before
	 * the delay goes back to the initial one. Defaults to twice the max.
	 */
	private Duration resetAfter;

	public Duration getInitial() {
		return this.initial;
	}

	public void setInitial(Duration initial) {
		this.initial = initial;
	}

	public Duration getMax() {
		return this.max;
	}

	public void setMax(Duration max) {
		this.max = max;
	}

	public Double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(Double multiplier) {
		this.multiplier = multiplier;
	}

	public Double getJitter() {
		return this.jitter;
	}

	public void setJitter(Double jitter) {
		this.jitter = jitter;
	}

	public Duration getResetAfter() {
		return this.resetAfter;
	}

	public void setResetAfter(Duration resetAfter) {
		this.resetAfter = resetAfter;
	}

}
