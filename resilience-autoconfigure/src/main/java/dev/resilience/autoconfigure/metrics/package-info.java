/**
 * Auto-configuration of the starter's Micrometer meters.
 */
package dev.resilience.autoconfigure.metrics;
