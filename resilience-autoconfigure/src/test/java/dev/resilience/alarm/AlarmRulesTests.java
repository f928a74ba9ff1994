package dev.resilience.alarm;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which {@link AlarmRule} an alarm takes: its exact id first, else the most specific matching
 * pattern, else none.
 */
class AlarmRulesTests {

	private static final AlarmRule EXACT = rule(1);

	private static final AlarmRule CRASHING = rule(2);

	private static final AlarmRule PAYMENTS = rule(3);

	private static final AlarmRule ANY = rule(4);

	private static final AlarmRule PAYMENTS_CRASHING = rule(5);

	private final AlarmRules rules = AlarmRules.of(Map.of("payments_crashing", EXACT, "*_crashing", CRASHING,
			"payments_*", PAYMENTS, "*", ANY, "pay*crash*", PAYMENTS_CRASHING));

	@Test
	void anExactIdBeatsEveryPattern() {
		assertThat(this.rules.ruleFor("payments_crashing")).isSameAs(EXACT);
	}

	@Test
	void amongPatternsTheOneWithTheMostCharactersOtherThanStarsWins() {
		// *_crashing (9) beats pay*crash* (8) beats * (0)
		assertThat(this.rules.ruleFor("jobs_crashing")).isSameAs(CRASHING);
		assertThat(this.rules.ruleFor("payments_stale")).isSameAs(PAYMENTS);
		assertThat(this.rules.ruleFor("pay-crash-x")).isSameAs(PAYMENTS_CRASHING);
		assertThat(this.rules.ruleFor("anything")).isSameAs(ANY);
	}

	@Test
	void onATieThePatternFirstInAlphabeticalOrderWins() {
		AlarmRules tied = AlarmRules.of(Map.of("payments_*", PAYMENTS, "*_crashing", CRASHING));
		// both have 9 characters other than *; '*' sorts before 'p'
		assertThat(tied.ruleFor("payments_crashing")).isSameAs(CRASHING);
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			*_crashing,  payments_crashing, true
			*_crashing,  _crashing,         true
			*_crashing,  payments_crashin,  false
			*_crashing,  payments_crashing2, false
			payments_*,  payments_,         true
			payments_*,  xpayments_a,       false
			a*b*c,       abc,               true
			a*b*c,       axxbyyc,           true
			a*b*c,       acb,               false
			a*b*c,       ac,                false
			a*b*c,       axxc,              false
			*b*c,        bc,                true
			a*b*b,       axb,               false
			a*b*b,       abxb,              true
			a*b*b*c,     abxc,              false
			a*b*b*c,     abbc,              true
			a*a,         a,                 false
			a*a,         aa,                true
			ab*bc,       abc,               false
			*,           anything at all,   true
			""")
	void aStarStandsForAnyCharactersNoneIncluded(String pattern, String id, boolean matches) {
		AlarmRules one = AlarmRules.of(Map.of(pattern, EXACT));
		assertThat(one.ruleFor(id)).isSameAs(matches ? EXACT : AlarmRule.IMMEDIATE);
	}

	@Test
	void anAlarmNoRuleMatchesIsImmediate() {
		assertThat(AlarmRules.of(Map.of("a_*", EXACT)).ruleFor("b_crashing")).isSameAs(AlarmRule.IMMEDIATE);
		assertThat(AlarmRules.of(Map.of())).isSameAs(AlarmRules.NONE);
		assertThat(AlarmRules.NONE.isEmpty()).isTrue();
		assertThat(AlarmRules.NONE.ruleFor("x")).isSameAs(AlarmRule.IMMEDIATE);
		assertThat(AlarmRules.of(Map.of("x", EXACT)).isEmpty()).isFalse();
		assertThat(AlarmRules.of(Map.of("x*", EXACT)).isEmpty()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", " payments_crashing", "payments_crashing ", "payments**", "**", "a\u0001b",
			"a\tb" })
	void malformedKeysAreRefused(String key) {
		assertThat(AlarmRules.isWellFormed(key)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> AlarmRules.of(Map.of(key, EXACT)))
			.withMessageContaining("'" + key + "'")
			.withMessageContaining("pattern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "payments_crashing", "*_crashing", "*", "my worker_crashing", "bean.method_*", "a*b*c" })
	void alarmIdsAndPatternsAreWellFormed(String key) {
		assertThat(AlarmRules.isWellFormed(key)).isTrue();
	}

	@Test
	void aNullKeyIsNotWellFormed() {
		assertThat(AlarmRules.isWellFormed(null)).isFalse();
	}

	@Test
	void aRuleRefusesNegativeDurations() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmRule(Duration.ofSeconds(-1), Duration.ZERO))
			.withMessageContaining("PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmRule(Duration.ZERO, Duration.ofSeconds(-1)));
		assertThat(new AlarmRule(Duration.ZERO, Duration.ZERO)).isEqualTo(AlarmRule.IMMEDIATE);
	}

	private static AlarmRule rule(int seconds) {
		return new AlarmRule(Duration.ofSeconds(seconds), Duration.ZERO);
	}

}
