package dev.resilience.autoconfigure.settings;

import java.util.Locale;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Stops start-up on a pattern under {@code resilience.alarms.rules} without brackets: Spring Boot
 * drops the {@code *} of a map key not in brackets, so {@code rules.*_crashing.hold} would bind
 * the id {@code _crashing} and damp nothing.
 *
 * @since 0.1.0
 */
public final class AlarmRuleKeys {

	static final String RULES = "resilience.alarms.rules";

	private AlarmRuleKeys() {
	}

	/**
	 * @param environment the application's environment
	 * @throws InvalidResiliencePropertyException for the first rule key with a * outside brackets
	 */
	public static void checkBrackets(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					check(name);
				}
			}
		}
	}

	static void check(String name) {
		if (!name.toLowerCase(Locale.ROOT).startsWith(RULES + ".")) {
			return;
		}
		String rest = name.substring(RULES.length() + 1);
		if (rest.startsWith("[")) {
			return;
		}
		int end = rest.lastIndexOf('.');
		String key = (end < 0) ? rest : rest.substring(0, end);
		if (key.indexOf('*') >= 0) {
			String below = (end < 0) ? "" : rest.substring(end);
			throw new InvalidResiliencePropertyException(name, key, "the key in brackets, as in " + RULES + "[" + key
					+ "]" + below + " (in YAML, \"[" + key + "]\"), as Spring Boot drops the * of a key without them");
		}
	}

}
