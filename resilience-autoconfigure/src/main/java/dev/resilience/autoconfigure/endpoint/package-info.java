/**
 * Actuator endpoints of the starter: {@code supervisors} and {@code alarms}.
 */
package dev.resilience.autoconfigure.endpoint;
