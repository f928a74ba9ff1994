package dev.resilience.autoconfigure.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	private static final List<String> FILES = List.of("status.css", "status-tree.js", "status.js");

	private static final Pattern VALID_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private final String path;

	private final String actuatorPath;

	private final boolean writeAccess;

	private final String template;

	private final Map<String, String> files = new LinkedHashMap<>();

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
		for (String file : FILES) {
			this.files.put(file, read(file));
		}
	}

	/** @return the page's path */
	public String path() {
		return this.path;
	}

	/**
	 * The stylesheet and scripts the page loads, each served at the page's path followed by
	 * {@code /} and its name.
	 * @return their contents by name ({@code status.css}, {@code status-tree.js},
	 * {@code status.js})
	 */
	public Map<String, String> files() {
		return Collections.unmodifiableMap(this.files);
	}

	/**
	 * The page for a request.
	 * @param contextPath the request's context path ({@code ""} for none)
	 * @return the HTML
	 */
	public String html(String contextPath) {
		String base = (contextPath != null) ? contextPath : "";
		String files = base + this.path + "/";
		return this.template.replace("{{css}}", escape(files + "status.css"))
			.replace("{{tree}}", escape(files + "status-tree.js"))
			.replace("{{script}}", escape(files + "status.js"))
			.replace("{{actuator}}", escape(base + this.actuatorPath))
			.replace("{{write}}", Boolean.toString(this.writeAccess));
	}

	/** @return the size of the page's files in bytes, as they are served (the page before rendering) */
	public int size() {
		return this.files.values().stream().mapToInt(StatusPage::bytes).sum() + bytes(this.template);
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
