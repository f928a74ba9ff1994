package dev.resilience.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.json.JsonParserFactory;

/**
 * A tiny HTTP client for tests against a running application on localhost.
 */
public final class Http {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	/**
	 * @param port the application's port on localhost
	 */
	public Http(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * @param path the path
	 * @return the response
	 */
	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	/**
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public Response post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * @param path the path
	 * @return the response
	 */
	public Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE());
	}

	/**
	 * @param name a worker's name
	 * @return that worker as {@code GET /actuator/supervisors} shows it
	 * @throws java.util.NoSuchElementException if it is not in the tree
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> supervisedWorker(String name) {
		Map<String, Object> root = (Map<String, Object>) get("/actuator/supervisors").json().get("root");
		return ((List<Map<String, Object>>) root.get("children")).stream()
			.flatMap((branch) -> ((List<Map<String, Object>>) branch.get("children")).stream())
			.filter((worker) -> name.equals(worker.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 * @param headers the headers
	 */
	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		/** @return the header's first value, or {@code null} */
		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		/** @return the body parsed as a JSON object */
		public Map<String, Object> json() {
			return JsonParserFactory.getJsonParser().parseMap(this.body);
		}

	}

}
