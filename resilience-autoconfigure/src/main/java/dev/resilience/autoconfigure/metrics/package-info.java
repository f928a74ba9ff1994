/**
 * Auto-configuration of the starter's Micrometer meters and observations.
 */
package dev.resilience.autoconfigure.metrics;
