package dev.resilience.autoconfigure.settings;

import java.net.URI;
import java.time.Duration;

/**
 * The Slack-compatible webhook, validated. Its {@code url} is a secret: never log it.
 *
 * @param timeout how long one request may take
 * @param maxRetries retries after a failed request
 * @param backoff wait before the first retry, doubled before each next one
 * @since 0.1.0
 */
public record WebhookSettings(URI url, Duration timeout, int maxRetries, Duration backoff) {

	@Override
	public String toString() {
		return "WebhookSettings[url=(hidden), timeout=" + this.timeout + ", maxRetries=" + this.maxRetries
				+ ", backoff=" + this.backoff + "]";
	}

}
