/**
 * The status page at {@code resilience.ui.path} ({@code /resilience}): static HTML, CSS and
 * JavaScript from the starter's jar that read the {@code supervisors}, {@code alarms} and
 * {@code health} Actuator endpoints, served by Spring MVC or WebFlux on the server that serves
 * Actuator.
 */
package dev.resilience.autoconfigure.ui;
