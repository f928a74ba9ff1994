package dev.resilience.autoconfigure.settings;

/**
 * The status page: the live supervision tree, alarms and checks in a browser, read from the
 * Actuator endpoints.
 *
 * @since 0.1.0
 */
public class UiProperties {

	/**
	 * Whether the status page is served. It reads only the Actuator endpoints the application
	 * exposes, so it is only as open as they are.
	 */
	private boolean enabled = true;

	/**
	 * Path of the status page, on the server that serves Actuator (the management port when
	 * management.server.port is set).
	 */
	private String path = "/resilience";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
