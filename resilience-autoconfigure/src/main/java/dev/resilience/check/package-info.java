/**
 * Dependency checks with hysteresis (the "database watchdog"): a periodic check that starts
 * DEGRADED, raises an alarm when it fails, and becomes CONNECTED only after N passing checks in a
 * row. Spring-free.
 */
package dev.resilience.check;
