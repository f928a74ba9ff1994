package dev.resilience.autoconfigure.settings;

import java.time.Duration;

/**
 * A {@code @Remedy} method's attributes, resolved and validated.
 *
 * @param callbackTimeout how long one run may take
 * @param retryTimeout how long after a run, while the alarm stays set, it runs again, or
 * {@code null}
 * @since 0.1.0
 */
public record RemedySettings(String alarm, Duration callbackTimeout, Duration retryTimeout) {
}
