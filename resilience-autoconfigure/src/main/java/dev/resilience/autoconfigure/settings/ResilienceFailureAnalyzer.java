package dev.resilience.autoconfigure.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidResiliencePropertyException}: which annotation attribute, which
 * value, what is allowed.
 *
 * @since 0.1.0
 */
public class ResilienceFailureAnalyzer extends AbstractFailureAnalyzer<InvalidResiliencePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidResiliencePropertyException cause) {
		String description = "The resilience starter could not start: %s has the value '%s', which is not allowed."
			.formatted(cause.getProperty(), cause.getValue());
		String action = "Change %s to %s.".formatted(cause.getProperty(), cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

}
