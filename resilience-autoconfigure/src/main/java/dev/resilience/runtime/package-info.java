/**
 * What the Spring-free runtime packages share: the one {@link dev.resilience.runtime.Watchdog}
 * that times every timeout (runs, checks, alarm handlers, remedies) with one interrupt protocol,
 * {@link dev.resilience.runtime.Listeners}, the one way listeners are called, and
 * {@link dev.resilience.runtime.UserText}, which bounds and escapes text from outside.
 *
 * <p>Nothing in this package imports Spring.
 */
package dev.resilience.runtime;
