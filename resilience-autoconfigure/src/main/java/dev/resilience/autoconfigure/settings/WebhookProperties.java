package dev.resilience.autoconfigure.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A Slack-compatible incoming webhook that hears every alarm set and clear.
 *
 * @param url Slack-compatible incoming webhook URL; a secret, never logged. Unset: no webhook.
 * @param timeout How long one webhook request may take.
 * @param maxRetries Retries after a failed webhook request (an I/O error or a 5xx answer).
 * @param backoff Wait before the first retry; doubled before each next one.
 * @since 0.1.0
 */
public record WebhookProperties(String url, @DefaultValue("5s") Duration timeout, @DefaultValue("3") int maxRetries,
		@DefaultValue("500ms") Duration backoff) {
}
