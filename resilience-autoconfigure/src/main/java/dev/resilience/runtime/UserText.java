package dev.resilience.runtime;

/**
 * Text that comes from outside the runtime (exception messages, alarm descriptions), made safe to
 * keep and to log. {@link #cut} bounds what the runtime keeps for endpoints, alarms, histories and
 * handlers to {@value #MAX_LENGTH} characters, saying how much was cut; {@link #oneLine} escapes
 * line breaks so that the text cannot start a log line of its own.
 *
 * <p>This class is threadsafe: it holds no state.
 *
 * @since 0.1.0
 */
public final class UserText {

	/** The most characters {@link #cut} keeps, its marker included. */
	public static final int MAX_LENGTH = 2000;

	private UserText() {
	}

	/**
	 * Cuts text to at most {@value #MAX_LENGTH} characters. Longer text keeps its beginning and
	 * ends with a marker such as {@code … [1046578 more characters cut]}; a surrogate pair is
	 * never split.
	 * @param text the text, or {@code null}
	 * @return the text itself when short enough, else its cut form; {@code null} for {@code null}
	 */
	public static String cut(String text) {
		if (text == null || text.length() <= MAX_LENGTH) {
			return text;
		}
		int keep = MAX_LENGTH - marker(text.length()).length();
		while (keep + marker(text.length() - keep).length() > MAX_LENGTH) {
			keep--;
		}
		if (Character.isHighSurrogate(text.charAt(keep - 1))) {
			keep--;
		}
		return text.substring(0, keep) + marker(text.length() - keep);
	}

	private static String marker(int cut) {
		return "… [" + cut + " more characters cut]";
	}

	/**
	 * Escapes line breaks, for a log line: CR as {@code \r}, LF as {@code \n}, and the other
	 * characters that end a line (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, vertical tab, form
	 * feed) as {@code \}{@code uXXXX}.
	 * @param text the text, or {@code null}
	 * @return the text on one line; {@code null} for {@code null}
	 */
	public static String oneLine(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder line = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String escaped = switch (c) {
				case '\r' -> "\\r";
				case '\n' -> "\\n";
				case '\u000B', '\u000C', '\u0085', '\u2028', '\u2029' -> String.format("\\u%04x", (int) c);
				default -> null;
			};
			if (escaped != null && line == null) {
				line = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (line != null) {
				line.append((escaped != null) ? escaped : String.valueOf(c));
			}
		}
		return (line != null) ? line.toString() : text;
	}

	/**
	 * A failure for a log line: {@link Failures#describe} on one line.
	 * @param failure what was thrown
	 * @return its class name and cut message, on one line
	 */
	public static String logLine(Throwable failure) {
		return oneLine(Failures.describe(failure));
	}

}
