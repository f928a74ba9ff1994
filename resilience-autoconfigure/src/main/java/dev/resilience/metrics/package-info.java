/**
 * Micrometer meters of supervision. Needs only Micrometer, not Spring.
 */
package dev.resilience.metrics;
