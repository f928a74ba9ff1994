package dev.resilience.autoconfigure.settings;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * Keys under {@code resilience.workers.<name>} or {@code resilience.checks.<name>} that bind but
 * whose name matches no worker or check, with the names that would have matched, for
 * {@link UnknownKeyFailureAnalyzer}'s "did you mean".
 *
 * @since 0.1.0
 */
public class UnknownNameException extends UnboundConfigurationPropertiesException {

	private final String map;

	private final String name;

	private final String kind;

	private final List<String> known;

	/**
	 * @param properties the keys set under the name, with their origins; empty when the name was
	 * set where keys cannot be listed (environment variables)
	 * @param map the map's key, such as {@code resilience.workers}
	 * @param kind what the name should be, such as {@code @SupervisedWorker}
	 */
	public UnknownNameException(Set<ConfigurationProperty> properties, String map, String name, String kind,
			Collection<String> known) {
		super(properties);
		this.map = map;
		this.name = name;
		this.kind = kind;
		this.known = List.copyOf(known);
	}

	@Override
	public String getMessage() {
		return this.map + "." + this.name + " names no " + this.kind + "; known: " + this.known;
	}

	String getMap() {
		return this.map;
	}

	String getName() {
		return this.name;
	}

	String getKind() {
		return this.kind;
	}

	List<String> getKnown() {
		return this.known;
	}

}
