package dev.resilience.alarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link AlarmRule rules} of an alarm list, each keyed by an alarm id or by a pattern in which
 * {@code *} stands for any characters, none included ({@code *_crashing} matches
 * {@code payments_crashing}). An alarm takes the rule of its exact id if there is one; otherwise
 * that of the matching pattern with the most characters other than {@code *} (the most specific);
 * on a tie, that of the pattern first in alphabetical order. An alarm no rule matches is
 * {@linkplain AlarmRule#IMMEDIATE immediate}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AlarmRules {

	/** No rule: every alarm is immediate. */
	public static final AlarmRules NONE = new AlarmRules(Map.of());

	/** What a rule key may be, for messages. */
	public static final String WELL_FORMED = "an alarm id such as payments_crashing, or a pattern in which * stands "
			+ "for any characters such as *_crashing: not blank, with no space at either end, "
			+ "no control character and no two * in a row";

	private final Map<String, AlarmRule> exact = new HashMap<>();

	private final List<Pattern> patterns = new ArrayList<>();

	private AlarmRules(Map<String, AlarmRule> rules) {
		rules.forEach((key, rule) -> {
			Objects.requireNonNull(rule, "rule");
			if (!isWellFormed(key)) {
				throw new IllegalArgumentException("Malformed alarm rule key '" + key + "': use " + WELL_FORMED);
			}
			if (key.indexOf('*') < 0) {
				this.exact.put(key, rule);
			}
			else {
				this.patterns.add(new Pattern(key, key.split("\\*", -1), rule));
			}
		});
		this.patterns.sort(Comparator.comparingInt(Pattern::literalLength).reversed().thenComparing(Pattern::key));
	}

	/**
	 * @param rules the rules, keyed by alarm id or pattern
	 * @return the rules
	 * @throws IllegalArgumentException if a key is not {@linkplain #isWellFormed well formed}
	 */
	public static AlarmRules of(Map<String, AlarmRule> rules) {
		return rules.isEmpty() ? NONE : new AlarmRules(rules);
	}

	/**
	 * @param key a rule key
	 * @return whether it is an alarm id or a pattern: not blank, with no whitespace at either
	 * end, no control character and no two {@code *} in a row
	 */
	public static boolean isWellFormed(String key) {
		return key != null && !key.isBlank() && key.strip().equals(key) && !key.contains("**")
				&& key.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * @param id an alarm's id
	 * @return the rule of its exact id, else of the most specific pattern that matches it, else
	 * {@link AlarmRule#IMMEDIATE}
	 */
	public AlarmRule ruleFor(String id) {
		AlarmRule rule = this.exact.get(id);
		if (rule != null) {
			return rule;
		}
		for (Pattern pattern : this.patterns) {
			if (pattern.matches(id)) {
				return pattern.rule();
			}
		}
		return AlarmRule.IMMEDIATE;
	}

	/** @return whether there is no rule at all */
	public boolean isEmpty() {
		return this.exact.isEmpty() && this.patterns.isEmpty();
	}

	private record Pattern(String key, String[] parts, AlarmRule rule) {

		int literalLength() {
			return this.key.length() - (this.parts.length - 1);
		}

		/** The parts between the stars, in order: the first at the start, the last at the end. */
		boolean matches(String id) {
			String first = this.parts[0];
			String last = this.parts[this.parts.length - 1];
			if (id.length() < literalLength() || !id.startsWith(first) || !id.endsWith(last)) {
				return false;
			}
			int from = first.length();
			int end = id.length() - last.length();
			for (int i = 1; i < this.parts.length - 1; i++) {
				int at = id.indexOf(this.parts[i], from);
				if (at < 0 || at + this.parts[i].length() > end) {
					return false;
				}
				from = at + this.parts[i].length();
			}
			return true;
		}

	}

}
