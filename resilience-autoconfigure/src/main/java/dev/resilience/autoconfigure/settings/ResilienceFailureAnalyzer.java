package dev.resilience.autoconfigure.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidResiliencePropertyException}: which property, which value, what is
 * allowed; for an {@link UnknownResiliencePropertyException}, which key, where it was set, the
 * key it may have meant and the keys known next to it.
 *
 * @since 0.1.0
 */
public class ResilienceFailureAnalyzer extends AbstractFailureAnalyzer<InvalidResiliencePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidResiliencePropertyException cause) {
		if (cause instanceof UnknownResiliencePropertyException unknown) {
			return analyzeUnknown(unknown);
		}
		String description = "The resilience starter could not start: %s has the value '%s', which is not allowed."
			.formatted(cause.getProperty(), cause.getValue());
		String action = "Change %s to %s.".formatted(cause.getProperty(), cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

	private static FailureAnalysis analyzeUnknown(UnknownResiliencePropertyException cause) {
		String description = "The resilience starter could not start: %s is not a known property%s."
			.formatted(cause.getProperty(), (cause.getOrigin() != null) ? " (from " + cause.getOrigin() + ")" : "");
		StringBuilder action = new StringBuilder();
		cause.getSuggestion().ifPresent((suggestion) -> action.append("Did you mean ").append(suggestion).append("? "));
		if (cause.getKnownKeys().isEmpty()) {
			action.append("Change %s to %s.".formatted(cause.getProperty(), cause.getAllowed()));
		}
		else {
			action.append("Known keys under %s are: %s."
				.formatted(cause.getParent(), String.join(", ", cause.getKnownKeys())));
		}
		return new FailureAnalysis(description, action.toString(), cause);
	}

}
