/**
 * Checks of the starter's settings as a whole: the keys known under {@code resilience}, derived
 * from the properties classes, the start-up check that stops on an unknown key, and "did you
 * mean" suggestions for mistyped keys and names.
 */
package dev.resilience.autoconfigure.settings;
