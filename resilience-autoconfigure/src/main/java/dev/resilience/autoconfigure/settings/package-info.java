/**
 * The starter's settings: the {@code resilience.*} properties, the one
 * {@link dev.resilience.autoconfigure.settings.ResilienceSettingsResolver} that turns them and the
 * annotations into validated settings for the runtime, the check of unknown keys with "did you
 * mean" suggestions, and the failure analyzers that explain a bad value at start-up.
 */
package dev.resilience.autoconfigure.settings;
