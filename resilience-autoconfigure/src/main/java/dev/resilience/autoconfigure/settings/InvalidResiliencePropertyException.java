package dev.resilience.autoconfigure.settings;

/**
 * A configuration value of the resilience starter that is not allowed: stops start-up, and
 * {@link ResilienceFailureAnalyzer} turns it into a message naming the property, the value and
 * what is allowed.
 *
 * @since 0.1.0
 */
public class InvalidResiliencePropertyException extends RuntimeException {

	/** The property (or annotation attribute) that is wrong. */
	private final String property;

	/** Its value. */
	private final Object value;

	/** What is allowed instead. */
	private final String allowed;

	/**
	 * @param property the property (or annotation attribute) that is wrong
	 * @param value its value
	 * @param allowed what is allowed instead
	 */
	public InvalidResiliencePropertyException(String property, Object value, String allowed) {
		this("Invalid value '" + value + "' for " + property + ": allowed is " + allowed, property, value, allowed);
	}

	/**
	 * @param message the exception's message
	 * @param property the property (or annotation attribute) that is wrong
	 * @param value its value
	 * @param allowed what is allowed instead
	 */
	protected InvalidResiliencePropertyException(String message, String property, Object value, String allowed) {
		super(message);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
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
