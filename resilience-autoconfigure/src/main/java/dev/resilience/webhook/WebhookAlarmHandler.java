package dev.resilience.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Posts each alarm set and clear to a Slack-compatible incoming webhook as {@code {"text": ...}},
 * with a timeout per request, retrying with exponential backoff after an I/O failure or a 5xx
 * answer. The webhook URL is a secret: it never appears in a log line or an exception message
 * from this class; a failure is told by its exception's class, or by the HTTP status answered.
 * The text is escaped for Slack and for JSON by {@link SlackMessage}, so an alarm description
 * cannot mention {@code @channel} or show a disguised link.
 *
 * <p>Calls come from the handler's own thread ({@link AlarmHandler}), whose bounded queue holds
 * transitions while a post is retried.
 *
 * @since 0.1.0
 */
public class WebhookAlarmHandler implements AlarmHandler {

	private static final Logger logger = LoggerFactory.getLogger(WebhookAlarmHandler.class);

	private final URI url;

	private final HttpClient client;

	private final Duration timeout;

	private final RetryTemplate retry;

	/**
	 * @param url the webhook URL, a secret
	 * @param timeout how long one request may take
	 * @param maxRetries retries after the first attempt
	 * @param backoff the wait before the first retry, doubled before each next one
	 * @throws IllegalArgumentException if the URL is not an http or https URL with a host (the
	 * message does not show it)
	 */
	public WebhookAlarmHandler(URI url, Duration timeout, int maxRetries, Duration backoff) {
		this.url = Objects.requireNonNull(url, "url");
		if (url.getHost() == null || url.getHost().isEmpty()
				|| !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException("The webhook URL (hidden) is not an http or https URL with a host");
		}
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(maxRetries)
			.delay(backoff)
			.multiplier(2)
			.jitter(Duration.ZERO)
			.maxDelay(Duration.ofMinutes(1))
			.predicate((failure) -> failure instanceof IOException || failure instanceof ServerError)
			.build());
	}

	@Override
	public void onSet(Alarm alarm) throws Exception {
		post(alarm, ":rotating_light: Alarm set: %s [%s] %s".formatted(alarm.id(), alarm.severity(),
				alarm.description()));
	}

	@Override
	public void onClear(Alarm alarm) throws Exception {
		post(alarm, ":white_check_mark: Alarm recovered: %s [%s] %s".formatted(alarm.id(), alarm.severity(),
				alarm.description()));
	}

	@Override
	public String name() {
		return "webhook";
	}

	private void post(Alarm alarm, String text) throws WebhookException {
		try {
			HttpRequest request = HttpRequest.newBuilder(this.url)
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(SlackMessage.json(text), StandardCharsets.UTF_8))
				.build();
			this.retry.execute(() -> send(request));
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			throw failed(alarm, (last instanceof ServerError || last instanceof ClientError) ? last.getMessage()
					: last.getClass().getName(), ex.getRetryCount() + 1);
		}
		catch (RuntimeException ex) {
			// such as HttpRequest's IllegalArgumentException, whose message holds the URL
			throw failed(alarm, ex.getClass().getName(), 1);
		}
	}

	private static WebhookException failed(Alarm alarm, String reason, int attempts) {
		logger.warn("Webhook post for alarm '{}' failed after {} attempt(s): {}", alarm.id(), attempts, reason);
		return new WebhookException("webhook post for alarm '" + alarm.id() + "' failed: " + reason);
	}

	private Void send(HttpRequest request) throws IOException, InterruptedException, ServerError, ClientError {
		HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
		int status = response.statusCode();
		if (status >= 500) {
			throw new ServerError("the webhook answered " + status);
		}
		if (status >= 300) {
			throw new ClientError("the webhook answered " + status);
		}
		return null;
	}

	/** A post that failed for good. Its message never holds the URL. */
	public static class WebhookException extends Exception {

		WebhookException(String message) {
			super(message, null, false, false);
		}

	}

	private static class ServerError extends Exception {

		ServerError(String message) {
			super(message, null, false, false);
		}

	}

	private static class ClientError extends Exception {

		ClientError(String message) {
			super(message, null, false, false);
		}

	}

}
