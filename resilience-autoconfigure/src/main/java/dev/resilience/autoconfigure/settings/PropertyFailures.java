package dev.resilience.autoconfigure.settings;

import java.util.Collection;
import java.util.List;
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
import org.springframework.core.env.Environment;

/**
 * Turns a refused {@code resilience.*} value into Spring Boot's own exceptions, naming the key as
 * it was written, so that Spring Boot's failure analyzers find the file and line where it was
 * set: {@link InvalidConfigurationPropertyValueException} for a bad value,
 * {@link MutuallyExclusiveConfigurationPropertiesException} for keys that exclude each other,
 * {@link UnknownNameException} for a worker or check name that matches none.
 */
final class PropertyFailures {

	private final Environment environment;

	PropertyFailures(Environment environment) {
		this.environment = environment;
	}

	/**
	 * @param resolution what may throw an {@link InvalidResiliencePropertyException}
	 * @return its result
	 * @throws InvalidConfigurationPropertyValueException for a {@code resilience.*} property,
	 * with the property as written; an annotation attribute or a secret is thrown as it is, as
	 * Spring Boot's analyzer would print the secret's value from its source
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

	/**
	 * @param configured the keys set, of the same worker
	 * @param exclusive every key of the choice
	 * @return the exception, naming the keys as written
	 */
	MutuallyExclusiveConfigurationPropertiesException exclusive(Collection<String> configured,
			Collection<String> exclusive) {
		return new MutuallyExclusiveConfigurationPropertiesException(
				new TreeSet<>(configured.stream().map(this::written).toList()),
				new TreeSet<>(exclusive.stream().map(this::written).toList()));
	}

	/**
	 * @param map the map's key, such as {@code resilience.workers}
	 * @param name the map key that matches nothing
	 * @param kind what the name should be, such as {@code @SupervisedWorker}
	 * @param known the names that exist
	 * @return the exception, with every key set under the name and its origin
	 */
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
	 * @param property a key, map keys with dots or spaces in brackets
	 * @return the key as written in the first property source that sets it, or as given when none
	 * does
	 */
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
