package dev.resilience.autoconfigure.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;

import org.springframework.web.util.HtmlUtils;

/**
 * The status page's three files, read once from the jar, and the page itself rendered with what
 * it needs to know from the server: where its files and the Actuator endpoints are (behind the
 * request's context path) and whether the {@code supervisors} write operation is granted, which
 * decides whether it shows the restart, pause, resume and trigger buttons. It adds no data path:
 * the page reads everything else from the endpoints.
 *
 * @since 0.1.0
 */
public final class StatusPage {

	/** The property that sets the page's path. */
	public static final String PATH_PROPERTY = "resilience.ui.path";

	private static final Pattern VALID_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private final String path;

	private final String actuatorPath;

	private final boolean writeAccess;

	private final String template;

	private final String css;

	private final String script;

	/**
	 * @param path the page's path, such as {@code /resilience}
	 * @param actuatorPath the Actuator base path, such as {@code /actuator} ({@code ""} or
	 * {@code /} for the root)
	 * @param writeAccess whether the {@code supervisors} write operation is granted
	 * @throws InvalidResiliencePropertyException if the path is not a plain path
	 */
	public StatusPage(String path, String actuatorPath, boolean writeAccess) {
		if (path == null || !VALID_PATH.matcher(path).matches()) {
			throw new InvalidResiliencePropertyException(PATH_PROPERTY, path,
					"a path of one or more segments, each '/' followed by letters, digits, '.', '_', '~' or '-', "
							+ "such as /resilience or /ops/status (no trailing '/', no wildcard)");
		}
		this.path = path;
		this.actuatorPath = (actuatorPath == null || actuatorPath.equals("/")) ? "" : actuatorPath;
		this.writeAccess = writeAccess;
		this.template = read("status.html");
		this.css = read("status.css");
		this.script = read("status.js");
	}

	/** @return the page's path */
	public String path() {
		return this.path;
	}

	/** @return the stylesheet's path */
	public String cssPath() {
		return this.path + "/status.css";
	}

	/** @return the script's path */
	public String scriptPath() {
		return this.path + "/status.js";
	}

	/**
	 * The page for a request.
	 * @param contextPath the request's context path ({@code ""} for none)
	 * @return the HTML
	 */
	public String html(String contextPath) {
		String base = (contextPath != null) ? contextPath : "";
		return this.template.replace("{{css}}", escape(base + cssPath()))
			.replace("{{script}}", escape(base + scriptPath()))
			.replace("{{actuator}}", escape(base + this.actuatorPath))
			.replace("{{write}}", Boolean.toString(this.writeAccess));
	}

	/** @return the stylesheet */
	public String css() {
		return this.css;
	}

	/** @return the script */
	public String script() {
		return this.script;
	}

	/** @return the size of the three files in bytes, as they are served (the page before rendering) */
	public int size() {
		return bytes(this.template) + bytes(this.css) + bytes(this.script);
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
	}

	private static String read(String name) {
		try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The status page's " + name + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
