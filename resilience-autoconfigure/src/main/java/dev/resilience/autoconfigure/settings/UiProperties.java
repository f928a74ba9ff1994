package dev.resilience.autoconfigure.settings;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The status page: the live supervision tree, alarms and checks in a browser, read from the
 * Actuator endpoints.
 *
 * @param enabled Whether the status page is served. It reads only the Actuator endpoints the
 * application exposes, so it is only as open as they are.
 * @param path Path of the status page, on the server that serves Actuator (the management port
 * when management.server.port is set).
 * @since 0.1.0
 */
public record UiProperties(@DefaultValue("true") boolean enabled, @DefaultValue("/resilience") String path) {
}
