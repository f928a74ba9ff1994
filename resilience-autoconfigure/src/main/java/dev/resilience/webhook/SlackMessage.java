package dev.resilience.webhook;

/**
 * The body a Slack-compatible incoming webhook receives: {@code {"text": "..."}}, written by hand
 * because it has one string field and the starter's class path holds no JSON library (Spring Boot
 * 4's {@code spring-boot-starter} and {@code spring-boot-starter-actuator} bring none; Jackson
 * comes with a web starter).
 *
 * <p>The text is escaped twice: first for Slack, whose message format gives {@code &}, {@code <}
 * and {@code >} a meaning (mentions such as {@code <!channel>}, disguised links such as
 * {@code <https://evil.example|Acknowledge here>}), then for JSON (RFC 8259: {@code "},
 * {@code \} and every control character below U+0020).
 *
 * @since 0.1.0
 */
public final class SlackMessage {

	private SlackMessage() {
	}

	/**
	 * @param text the message for people, with no Slack markup
	 * @return the JSON body, the text shown exactly as given
	 */
	public static String json(String text) {
		return "{\"text\":" + jsonString(escape(text)) + "}";
	}

	/**
	 * Escapes the three characters Slack's message format gives a meaning.
	 * @param text the text
	 * @return the text with {@code &amp;}, {@code &lt;} and {@code &gt;} in their place
	 */
	public static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * @param text the text
	 * @return a JSON string literal holding it, quotes included
	 */
	static String jsonString(String text) {
		StringBuilder json = new StringBuilder(text.length() + 16).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
