package dev.resilience.autoconfigure.settings;

import java.util.List;
import java.util.Optional;

import dev.resilience.autoconfigure.settings.KnownResilienceKeys.Unknown;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Stops start-up on a key under {@code resilience} that the starter does not know, such as
 * {@code resilience.workers.ok.intervall}, which Spring Boot would otherwise ignore. Keys are
 * compared in relaxed form: {@code max-restarts}, {@code maxRestarts} and {@code max_restarts}
 * are the same key.
 *
 * <p>Every enumerable property source is read (configuration files, system properties,
 * command-line arguments, test properties...) in the environment's order, and the keys of each
 * in alphabetical order; the first unknown key throws an
 * {@link UnknownResiliencePropertyException}. The system environment is not read.
 *
 * <p>The check runs from {@code ResilienceAutoConfiguration}, so {@code resilience.enabled=false},
 * which switches that off, switches the check off too: with the starter off its keys do nothing,
 * mistyped or not. A mistyped {@code resilience.enabled} leaves the starter on, and is caught.
 *
 * @since 0.1.0
 */
public final class UnknownResilienceKeys {

	private UnknownResilienceKeys() {
	}

	/**
	 * Checks every key under {@code resilience} against the keys of the starter's properties.
	 * @param environment the application's environment
	 * @throws UnknownResiliencePropertyException for the first unknown key
	 */
	public static void check(Environment environment) {
		check(environment, new KnownResilienceKeys());
	}

	/**
	 * Checks every key under {@code resilience} against the given known keys.
	 * @param environment the application's environment
	 * @param known the known keys
	 * @throws UnknownResiliencePropertyException for the first unknown key
	 */
	public static void check(Environment environment, KnownResilienceKeys known) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			// Environment variable names lose dashes, dots and case (RESILIENCE_WORKERS_MY_JOB_INTERVAL),
			// so map keys cannot be told apart from property names in them
			if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
					|| !(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			List<ConfigurationPropertyName> names = iterable.stream().filter(known::isUnderPrefix).sorted().toList();
			for (ConfigurationPropertyName name : names) {
				Optional<Unknown> unknown = known.find(name);
				if (unknown.isPresent()) {
					throw unknownProperty(source, name, unknown.get());
				}
			}
		}
	}

	private static UnknownResiliencePropertyException unknownProperty(ConfigurationPropertySource source,
			ConfigurationPropertyName name, Unknown unknown) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		Origin origin = (property != null) ? property.getOrigin() : null;
		int size = name.getNumberOfElements();
		String written = (origin instanceof PropertySourceOrigin propertySourceOrigin)
				? propertySourceOrigin.getPropertyName() : written(name, 0, size);
		String parent = written(name, 0, unknown.element());
		String suggestion = Suggestions.nearest(name.getElement(unknown.element(), Form.ORIGINAL), unknown.knownKeys())
			.map((key) -> parent + "." + key + written(name, unknown.element() + 1, size))
			.orElse(null);
		String allowed = switch (unknown.level()) {
			case LEAF -> parent + " itself: it takes a value and has no keys below it";
			case LIST -> "an indexed key such as " + parent + "[0]";
			default -> "one of the keys known under " + parent + ": " + String.join(", ", unknown.knownKeys());
		};
		return new UnknownResiliencePropertyException(written, (origin != null) ? origin.toString() : null, parent,
				unknown.knownKeys(), suggestion, allowed);
	}

	/**
	 * @return the elements {@code from} (inclusive) to {@code to} (exclusive) of the name as
	 * written, joined with dots, indexes in brackets
	 */
	private static String written(ConfigurationPropertyName name, int from, int to) {
		StringBuilder written = new StringBuilder();
		for (int i = from; i < to; i++) {
			String element = name.getElement(i, Form.ORIGINAL);
			if (name.chop(i + 1).isLastElementIndexed()) {
				written.append('[').append(element).append(']');
			}
			else {
				written.append((i > 0) ? "." : "").append(element);
			}
		}
		return written.toString();
	}

}
