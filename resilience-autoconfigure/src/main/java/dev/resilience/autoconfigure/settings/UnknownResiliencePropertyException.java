package dev.resilience.autoconfigure.settings;

import java.util.List;
import java.util.Optional;

/**
 * A key under {@code resilience} that the starter does not know, most likely a typo: stops
 * start-up, and {@link ResilienceFailureAnalyzer} names the key, where it was set, the key it
 * may have meant and the keys known next to it. Its value is never kept, as it may be a secret.
 *
 * @since 0.1.0
 */
public class UnknownResiliencePropertyException extends InvalidResiliencePropertyException {

	/** Where the key was set, or {@code null}. */
	private final String origin;

	/** The part of the key that is known. */
	private final String parent;

	/** The keys known directly below {@link #parent}. */
	private final List<String> knownKeys;

	/** The full key that was probably meant, or {@code null}. */
	private final String suggestion;

	/**
	 * @param property the unknown key as written
	 * @param origin where it was set, such as {@code class path resource [application.yml] - 3:7},
	 * or {@code null} when not known
	 * @param parent the part of the key that is known, such as {@code resilience.workers.ok}
	 * @param knownKeys the keys known directly below {@code parent}, in dashed form; empty when
	 * {@code parent} takes a value or is a list
	 * @param suggestion the full key that was probably meant, or {@code null} when none is close
	 * @param allowed what is allowed instead
	 */
	public UnknownResiliencePropertyException(String property, String origin, String parent, List<String> knownKeys,
			String suggestion, String allowed) {
		super(message(property, origin, suggestion), property, null, allowed);
		this.origin = origin;
		this.parent = parent;
		this.knownKeys = List.copyOf(knownKeys);
		this.suggestion = suggestion;
	}

	private static String message(String property, String origin, String suggestion) {
		return "Unknown property " + property + ((origin != null) ? " (from " + origin + ")" : "")
				+ ((suggestion != null) ? "; did you mean " + suggestion + "?" : "");
	}

	/** @return where the key was set, or {@code null} when not known */
	public String getOrigin() {
		return this.origin;
	}

	/** @return the part of the key that is known, such as {@code resilience.workers.ok} */
	public String getParent() {
		return this.parent;
	}

	/** @return the keys known directly below {@link #getParent()}, in dashed form */
	public List<String> getKnownKeys() {
		return this.knownKeys;
	}

	/** @return the full key that was probably meant, if any is close */
	public Optional<String> getSuggestion() {
		return Optional.ofNullable(this.suggestion);
	}

}
