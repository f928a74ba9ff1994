package dev.resilience.autoconfigure.settings;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * Turns a refused {@code resilience.*} value into Spring Boot's own exceptions, naming the key as
 * written, so that Boot's failure analyzers show the file and line where it was set.
 */
final class PropertyFailures {

	private static final String RULES = "resilience.alarms.rules";

	private final Environment environment;

	PropertyFailures(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Runs a resolution, rethrowing a bad {@code resilience.*} property as an
	 * {@link InvalidConfigurationPropertyValueException}; an annotation attribute or a secret is
	 * rethrown as it is, as Boot's analyzer would print the secret's value from its source.
	 */
	<T> T translate(Supplier<T> resolution) {
		try {
			return resolution.get();
		}
		catch (InvalidResiliencePropertyException ex) {
			if (!ex.getProperty().startsWith("resilience.") || "(hidden)".equals(ex.getValue())) {
				throw ex;
			}
			throw new InvalidConfigurationPropertyValueException(written(ex.getProperty()), ex.getValue(),
					"allowed is " + ex.getAllowed());
		}
	}

	MutuallyExclusiveConfigurationPropertiesException exclusive(Collection<String> configured,
			Collection<String> exclusive) {
		return new MutuallyExclusiveConfigurationPropertiesException(
				new TreeSet<>(configured.stream().map(this::written).toList()),
				new TreeSet<>(exclusive.stream().map(this::written).toList()));
	}

	/** @return the exception for a map key that matches nothing, with every key set under it */
	UnknownNameException unknownName(String map, String name, String kind, Collection<String> known) {
		ConfigurationPropertyName mapName = ConfigurationPropertyName.of(map);
		int key = mapName.getNumberOfElements();
		Set<ConfigurationProperty> set = new TreeSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(mapName::isAncestorOf)
					.stream()
					.filter((candidate) -> candidate.getNumberOfElements() > key
							&& candidate.getElement(key, Form.ORIGINAL).equals(name))
					.map(source::getConfigurationProperty)
					.filter(Objects::nonNull)
					.forEach(set::add);
			}
		}
		return new UnknownNameException(set, map, name, kind, List.copyOf(known));
	}

	/**
	 * Refuses a pattern under {@code resilience.alarms.rules} without brackets: Spring Boot drops
	 * the {@code *} of a map key not in brackets, so {@code rules.*_crashing.hold} would bind the
	 * id {@code _crashing} and damp nothing.
	 */
	void refuseRulePatternsWithoutBrackets() {
		if (this.environment instanceof ConfigurableEnvironment configurable) {
			configurable.getPropertySources()
				.stream()
				.filter(EnumerablePropertySource.class::isInstance)
				.flatMap((source) -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
				.forEach(PropertyFailures::checkBrackets);
		}
	}

	static void checkBrackets(String name) {
		if (!name.toLowerCase(Locale.ROOT).startsWith(RULES + ".") || name.startsWith("[", RULES.length() + 1)) {
			return;
		}
		String rest = name.substring(RULES.length() + 1);
		int end = rest.lastIndexOf('.');
		String key = (end < 0) ? rest : rest.substring(0, end);
		String below = (end < 0) ? "" : rest.substring(end);
		InvalidResiliencePropertyException.require(key.indexOf('*') < 0, name, key, "the key in brackets, as in "
				+ RULES + "[" + key + "]" + below + " (in YAML, \"[" + key + "]\"), as Spring Boot drops the * of "
				+ "a key without them");
	}

	/** @return the key (map keys with dots in brackets) as the first source that sets it writes it */
	String written(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null && found.getOrigin() instanceof PropertySourceOrigin origin) {
				return origin.getPropertyName();
			}
		}
		return property;
	}

}
