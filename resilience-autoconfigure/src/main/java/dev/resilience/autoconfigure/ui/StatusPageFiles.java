package dev.resilience.autoconfigure.ui;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * What the status page's files are served with, by Spring MVC and WebFlux alike.
 */
final class StatusPageFiles {

	static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

	static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

	/**
	 * The page's policy: its own scripts, styles and endpoints, nothing inline, never framed.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private StatusPageFiles() {
	}

	/** @return the type of a file by its name's extension: {@code .css} or {@code .js} */
	static MediaType typeOf(String name) {
		return name.endsWith(".css") ? CSS : JAVASCRIPT;
	}

	/**
	 * Revalidated on every load (the files change with the jar), never sniffed as another type,
	 * under {@link #CONTENT_SECURITY_POLICY}, never framed (for browsers that predate
	 * {@code frame-ancestors}), and sending no referrer.
	 */
	static void headers(HttpHeaders headers) {
		headers.setCacheControl("no-cache");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("X-Frame-Options", "DENY");
		headers.set("Referrer-Policy", "no-referrer");
	}

}
