/**
 * Actuator health plumbing of the resilience starter: the {@code DEGRADED} status, ranked and
 * mapped to HTTP 503 out of the box, and the starter's contributors in Boot's readiness group.
 */
package dev.resilience.autoconfigure.health;
