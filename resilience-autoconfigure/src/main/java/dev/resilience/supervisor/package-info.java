/**
 * The Spring-free supervision runtime: OTP supervisors, child specifications, restart
 * strategies, restart types and restart intensity.
 *
 * <p>Nothing in this package imports Spring: a {@link dev.resilience.supervisor.Supervisor} can
 * be built and started from plain Java. The Spring Boot wiring lives in
 * {@code dev.resilience.autoconfigure}.
 */
package dev.resilience.supervisor;
