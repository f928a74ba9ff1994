/**
 * Spring Boot auto-configuration of the resilience starter: properties, validation and failure
 * analysis. The wiring of each feature lives in a sub-package.
 */
package dev.resilience.autoconfigure;
