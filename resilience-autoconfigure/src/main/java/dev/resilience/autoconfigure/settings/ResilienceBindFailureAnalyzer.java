package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;

/**
 * Explains a {@code resilience.*} value that cannot even be converted (an unparsable duration,
 * an unknown enum constant, a word where a number belongs), with the allowed forms. Other binding
 * failures are left to Spring Boot's own analyzer.
 *
 * @since 0.1.0
 */
public class ResilienceBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		if (property == null || conversion == null || !property.getName().toString().startsWith("resilience.")) {
			return null;
		}
		String description = "The resilience starter could not start: %s has the value '%s', which is not allowed%s."
			.formatted(property.getName(), property.getValue(),
					(property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "");
		String action = "Change %s to %s.".formatted(property.getName(), allowed(conversion.getTargetType()));
		return new FailureAnalysis(description, action, cause);
	}

	private static String allowed(TypeDescriptor type) {
		Class<?> target = type.getObjectType();
		if (Duration.class.equals(target)) {
			return "a duration such as 500ms, 1s, 2m or PT1S";
		}
		if (target.isEnum()) {
			return "one of " + Arrays.stream(target.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		if (Number.class.isAssignableFrom(target)) {
			return "a whole number";
		}
		if (Boolean.class.equals(target)) {
			return "true or false";
		}
		return "a value of type " + target.getSimpleName();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
