package dev.resilience.autoconfigure.settings;

import java.time.Duration;

/**
 * A Slack-compatible incoming webhook that hears every alarm set and clear.
 *
 * @since 0.1.0
 */
public class WebhookProperties {

	/**
	 * Slack-compatible incoming webhook URL; a secret, never logged. Unset: no webhook.
	 */
	private String url;

	/**
	 * How long one webhook request may take.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Retries after a failed webhook request (an I/O error or a 5xx answer).
	 */
	private int maxRetries = 3;

	/**
	 * Wait before the first retry; doubled before each next one.
	 */
	private Duration backoff = Duration.ofMillis(500);

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	public Duration getBackoff() {
		return this.backoff;
	}

	public void setBackoff(Duration backoff) {
		this.backoff = backoff;
	}

}
