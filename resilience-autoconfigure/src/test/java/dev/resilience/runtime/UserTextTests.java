package dev.resilience.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text from outside, bounded and put on one line.
 */
class UserTextTests {

	@Test
	void textUpToTheLimitIsKeptAsItIs() {
		String text = "x".repeat(UserText.MAX_LENGTH);
		assertThat(UserText.cut(text)).isSameAs(text);
		assertThat(UserText.cut(null)).isNull();
	}

	@Test
	void longerTextIsCutToTheLimitWithAMarkerSayingHowMuchWasCut() {
		String text = "y".repeat(1 << 20);
		String cut = UserText.cut(text);
		assertThat(cut).hasSize(UserText.MAX_LENGTH).startsWith("yyyy");
		int kept = cut.indexOf('…');
		assertThat(cut).endsWith("… [" + ((1 << 20) - kept) + " more characters cut]");
	}

	@Test
	void oneCharacterOverTheLimitIsCutToo() {
		String cut = UserText.cut("z".repeat(UserText.MAX_LENGTH + 1));
		assertThat(cut).hasSizeLessThanOrEqualTo(UserText.MAX_LENGTH).contains("more characters cut]");
	}

	@Test
	void aSurrogatePairIsNeverSplit() {
		String text = "\uD83D\uDEA8".repeat(UserText.MAX_LENGTH);
		String cut = UserText.cut(text);
		String kept = cut.substring(0, cut.indexOf('…'));
		assertThat(kept.length() % 2).isZero();
		assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
	}

	@Test
	void lineBreaksAreEscaped() {
		assertThat(UserText.oneLine("a\r\nb\nc\u2028d\u0085e")).isEqualTo("a\\r\\nb\\nc\\u2028d\\u0085e");
		String plain = "no break here";
		assertThat(UserText.oneLine(plain)).isSameAs(plain);
		assertThat(UserText.oneLine(null)).isNull();
	}

	@Test
	void aFailureForALogLineIsCutAndOnOneLine() {
		String line = UserText.logLine(new IllegalStateException("x".repeat(5000) + "\n2026 ERROR forged"));
		assertThat(line).startsWith("java.lang.IllegalStateException: x").doesNotContain("\n")
			.hasSizeLessThanOrEqualTo(UserText.MAX_LENGTH);
	}

}
