package dev.resilience.autoconfigure.endpoint;

import java.util.List;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * A write operation of the {@code supervisors} endpoint named no known action.
 *
 * @since 0.1.0
 */
public class UnknownActionException extends InvalidEndpointRequestException {

	private final List<String> allowed;

	/**
	 * @param action the action given, or {@code null}
	 * @param allowed the actions allowed
	 */
	public UnknownActionException(String action, List<String> allowed) {
		super("Unknown action '" + action + "'; allowed: " + String.join(", ", allowed), "Unknown action");
		this.allowed = List.copyOf(allowed);
	}

	/** @return the actions allowed */
	public List<String> getAllowed() {
		return this.allowed;
	}

}
