package dev.resilience.autoconfigure.settings;

/**
 * A value of the resilience starter that is not allowed: stops start-up, and
 * {@link ResilienceFailureAnalyzer} names the property, the value and what is allowed.
 *
 * @since 0.1.0
 */
public class InvalidResiliencePropertyException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String allowed;

	/** Names the property (or annotation attribute) that is wrong, its value and what is allowed. */
	public InvalidResiliencePropertyException(String property, Object value, String allowed) {
		super("Invalid value '" + value + "' for " + property + ": allowed is " + allowed);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	/** Throws unless {@code valid}, naming the property, the value and what is allowed. */
	static void require(boolean valid, String property, Object value, String allowed) {
		if (!valid) {
			throw new InvalidResiliencePropertyException(property, value, allowed);
		}
	}

	/** @return the property (or annotation attribute) that is wrong */
	public String getProperty() {
		return this.property;
	}

	/** @return its value */
	public Object getValue() {
		return this.value;
	}

	/** @return what is allowed instead */
	public String getAllowed() {
		return this.allowed;
	}

}
