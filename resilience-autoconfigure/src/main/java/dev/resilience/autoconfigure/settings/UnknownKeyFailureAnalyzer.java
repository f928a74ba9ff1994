package dev.resilience.autoconfigure.settings;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
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
		StringBuilder action = new StringBuilder();
		Optional<String> bracketed = PropertyKeys.bracketed(name, miss);
		if (bracketed.isPresent()) {
			action.append("Did you mean ").append(bracketed.get()).append("? A name with a dot, a space or other ")
				.append("characters than letters, digits and '-' needs brackets in a key (in YAML, \"[name]\").");
		}
		else {
			Suggestions.nearest(name.getElement(miss.element(), Form.ORIGINAL), miss.knownKeys())
				.ifPresent((key) -> action.append("Did you mean ")
					.append(parent)
					.append('.')
					.append(key)
					.append(written(name, miss.element() + 1, name.getNumberOfElements()))
					.append("? "));
		}
		action.append(bracketed.isPresent() ? "" : switch (miss.kind()) {
			case LEAF -> "Change %1$s to %2$s itself: it takes a value and has no keys below it."
				.formatted(asWritten(first), parent);
			case LIST -> "Change %1$s to an indexed key such as %2$s[0].".formatted(asWritten(first), parent);
			case GROUP -> "Known keys under %s are: %s.".formatted(parent, String.join(", ", miss.knownKeys()));
		});
		String description = "The resilience starter could not start: %s is not a known property%s%s."
			.formatted(asWritten(first), from(first), others(unknown));
		return new FailureAnalysis(description, action.toString(), cause);
	}

	private static FailureAnalysis analyzeName(UnknownNameException cause, List<ConfigurationProperty> properties,
			Throwable failure) {
		String key = properties.isEmpty() ? cause.getMap() + "." + cause.getName() : asWritten(properties.get(0));
		String description = "The resilience starter could not start: %s%s names no %s: '%s'."
			.formatted(key, properties.isEmpty() ? "" : from(properties.get(0)), cause.getKind(), cause.getName());
		StringBuilder action = new StringBuilder();
		Suggestions.nearest(cause.getName(), cause.getKnown()).ifPresent((known) -> {
			String rest = properties.isEmpty() ? ""
					: written(properties.get(0).getName(), ConfigurationPropertyName.of(cause.getMap())
						.getNumberOfElements() + 1, properties.get(0).getName().getNumberOfElements());
			action.append("Did you mean ").append(PropertyKeys.mapKey(cause.getMap(), known)).append(rest).append("? ");
		});
		action.append("Known names under %s are: %s.".formatted(cause.getMap(), String.join(", ", cause.getKnown())));
		return new FailureAnalysis(description, action.toString(), failure);
	}

	private static String others(List<ConfigurationProperty> unknown) {
		if (unknown.size() < 2) {
			return "";
		}
		return "; also unknown: " + String.join(", ",
				unknown.subList(1, unknown.size()).stream().map(UnknownKeyFailureAnalyzer::asWritten).toList());
	}

	private static String from(ConfigurationProperty property) {
		Origin origin = property.getOrigin();
		return (origin != null) ? " (from " + origin + ")" : "";
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
