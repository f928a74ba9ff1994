package dev.resilience.webhook;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook's body: escaped for Slack, then for JSON, read back by Jackson as written.
 */
class SlackMessageTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void escapesTheThreeCharactersSlackGivesAMeaning() {
		assertThat(SlackMessage.escape("<!channel> <https://evil.example|Acknowledge here> & <@U123>"))
			.isEqualTo("&lt;!channel&gt; &lt;https://evil.example|Acknowledge here&gt; &amp; &lt;@U123&gt;");
	}

	@Test
	void escapesAnAmpersandBeforeAnythingElseSoAnEntityStaysText() {
		assertThat(SlackMessage.escape("&lt;!channel&gt;")).isEqualTo("&amp;lt;!channel&amp;gt;");
	}

	@Test
	void jsonReadsBackAsTheSlackEscapedText() {
		String hostile = "quote \" backslash \\ tab \t cr \r lf \n nul \u0000 bell \u0007 unit \u001f del \u007f "
				+ "line \u2028 emoji \uD83D\uDEA8 <b>";
		String body = SlackMessage.json(hostile);
		assertThat(this.json.readTree(body).get("text").asString()).isEqualTo(SlackMessage.escape(hostile));
		assertThat(this.json.readTree(body).properties()).hasSize(1);
		assertThat(body).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
	}

	@Test
	void anEmptyTextIsAnEmptyString() {
		assertThat(SlackMessage.json("")).isEqualTo("{\"text\":\"\"}");
	}

}
