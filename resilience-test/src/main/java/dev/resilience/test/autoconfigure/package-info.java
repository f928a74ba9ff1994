/**
 * The auto-configuration behind {@link dev.resilience.test.AutoConfigureVirtualTime}.
 */
package dev.resilience.test.autoconfigure;
