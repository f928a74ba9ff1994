package dev.resilience.autoconfigure.settings;

import java.util.List;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.Ordered;

/**
 * Explains keys under {@code resilience} that the binder left unbound, or that name no worker or
 * check: the key as written, where it was set, "did you mean", and the keys known next to it.
 * Values are never shown: a mistyped {@code resilience.alarms.webhook.ulr} holds a secret.
 *
 * @since 0.1.0
 */
public class UnknownKeyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("resilience");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> PREFIX.isAncestorOf(property.getName()))
			.sorted()
			.toList();
		if (cause instanceof UnknownNameException name) {
			return analyzeName(name, unknown, cause);
		}
		if (unknown.isEmpty()) {
			return null;
		}
		ConfigurationProperty first = unknown.get(0);
		ConfigurationPropertyName name = first.getName();
		PropertyKeys.Miss miss = PropertyKeys.find(name).orElse(null);
		if (miss == null) {
			return null;
		}
		String parent = written(name, 0, miss.element());
		String action = PropertyKeys.bracketed(name, miss)
			.map((key) -> "Did you mean " + key + "? A name with a dot, a space or other characters than letters, "
					+ "digits and '-' needs brackets in a key (in YAML, \"[name]\").")
			.orElseGet(() -> Suggestions.nearest(name.getElement(miss.element(), Form.ORIGINAL), miss.knownKeys())
				.map((key) -> "Did you mean " + parent + "." + key
						+ written(name, miss.element() + 1, name.getNumberOfElements()) + "? ")
				.orElse("") + switch (miss.kind()) {
					case LEAF -> "Change %1$s to %2$s itself: it takes a value and has no keys below it."
						.formatted(asWritten(first), parent);
					case LIST -> "Change %1$s to an indexed key such as %2$s[0].".formatted(asWritten(first), parent);
					case GROUP -> "Known keys under %s are: %s.".formatted(parent, String.join(", ", miss.knownKeys()));
				});
		String description = "The resilience starter could not start: %s is not a known property%s%s."
			.formatted(asWritten(first), from(first), others(unknown));
		return new FailureAnalysis(description, action, cause);
	}

	private static FailureAnalysis analyzeName(UnknownNameException cause, List<ConfigurationProperty> properties,
			Throwable failure) {
		String key = properties.isEmpty() ? cause.getMap() + "." + cause.getName() : asWritten(properties.get(0));
		String description = "The resilience starter could not start: %s%s names no %s: '%s'."
			.formatted(key, properties.isEmpty() ? "" : from(properties.get(0)), cause.getKind(), cause.getName());
		String rest = properties.isEmpty() ? "" : written(properties.get(0).getName(),
				ConfigurationPropertyName.of(cause.getMap()).getNumberOfElements() + 1,
				properties.get(0).getName().getNumberOfElements());
		String action = Suggestions.nearest(cause.getName(), cause.getKnown())
			.map((known) -> "Did you mean " + PropertyKeys.mapKey(cause.getMap(), known) + rest + "? ")
			.orElse("")
				+ "Known names under %s are: %s.".formatted(cause.getMap(), String.join(", ", cause.getKnown()));
		return new FailureAnalysis(description, action, failure);
	}

	private static String others(List<ConfigurationProperty> unknown) {
		List<String> others = unknown.stream().skip(1).map(UnknownKeyFailureAnalyzer::asWritten).toList();
		return others.isEmpty() ? "" : "; also unknown: " + String.join(", ", others);
	}

	private static String from(ConfigurationProperty property) {
		return (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
	}

	/** @return the key as written in its source */
	private static String asWritten(ConfigurationProperty property) {
		if (property.getOrigin() instanceof PropertySourceOrigin origin) {
			return origin.getPropertyName();
		}
		return written(property.getName(), 0, property.getName().getNumberOfElements());
	}

	/** @return the elements {@code from} to {@code to} (exclusive) as written, indexes in brackets */
	static String written(ConfigurationPropertyName name, int from, int to) {
		StringBuilder written = new StringBuilder();
		for (int i = from; i < to; i++) {
			String element = name.getElement(i, Form.ORIGINAL);
			if (name.isNumericIndex(i) || name.chop(i + 1).isLastElementIndexed()) {
				written.append('[').append(element).append(']');
			}
			else {
				written.append((i > 0) ? "." : "").append(element);
			}
		}
		return written.toString();
	}

	/** Ahead of Spring Boot's analyzer of the same exception, which it completes. */
	@Override
	public int getOrder() {
		return 0;
	}

}
