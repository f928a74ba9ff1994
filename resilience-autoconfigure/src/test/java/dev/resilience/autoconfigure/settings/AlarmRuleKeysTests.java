package dev.resilience.autoconfigure.settings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A {@code *} in a rule key outside brackets, which Spring Boot would drop, fails start-up.
 */
class AlarmRuleKeysTests {

	@ParameterizedTest
	@ValueSource(strings = { "resilience.alarms.rules[*_crashing].hold", "resilience.alarms.rules.[*_crashing].hold",
			"resilience.alarms.rules.payments_crashing.debounce", "resilience.alarms.history-size",
			"resilience.workers.a*b.interval", "other.alarms.rules.*_x.hold" })
	void keysInBracketsAndKeysWithoutAStarPass(String name) {
		assertThatNoException().isThrownBy(() -> PropertyFailures.checkBrackets(name));
	}

	@ParameterizedTest
	@ValueSource(strings = { "resilience.alarms.rules.*_crashing.hold", "Resilience.Alarms.Rules.*_crashing.hold",
			"resilience.alarms.rules.*", "resilience.alarms.rules.bean.method_*.debounce" })
	void aStarOutsideBracketsFails(String name) {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class).isThrownBy(() -> PropertyFailures.checkBrackets(name))
			.withMessageContaining(name)
			.withMessageContaining("brackets");
	}

}
