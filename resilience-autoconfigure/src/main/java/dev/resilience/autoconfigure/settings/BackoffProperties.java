package dev.resilience.autoconfigure.settings;

import java.time.Duration;

/**
 * Restart backoff of one worker: off unless {@code initial} is set. Unset keys are {@code null},
 * so that a key set without {@code initial} can be told from a default and rejected.
 *
 * @param initial Delay between the first crash in a row and the first run of the restarted
 * worker. Setting it turns backoff on; it then replaces the interval for that one delay.
 * @param max Longest delay between a crash and the restarted worker's first run. Defaults to 32
 * times the initial delay.
 * @param multiplier How much each further crash in a row multiplies the delay, at least 1.
 * Defaults to 2.
 * @param jitter Random spread of each delay, as a fraction of it (0.2 is ±20%), from 0 to 1.
 * Defaults to 0.2.
 * @param resetAfter How long a restarted worker must run without crashing, counted from its first
 * run, before the delay goes back to the initial one. Defaults to twice the max.
 * @since 0.1.0
 */
public record BackoffProperties(Duration initial, Duration max, Double multiplier, Double jitter,
		Duration resetAfter) {
}
