/**
 * Spring wiring of alarms: the {@code Alarms} bean, its handlers (logging, events, webhook),
 * {@code @Remedy} methods and crash-loop alarms of workers.
 */
package dev.resilience.autoconfigure.alarm;
