package dev.resilience.autoconfigure.settings;

/**
 * How the starter treats Spring's {@code @Scheduled} methods.
 *
 * @param supervise Whether every @Scheduled method of a singleton bean runs as a supervised worker
 * named beanName.methodName instead of on Spring's scheduler. Needs @EnableScheduling.
 * @since 0.1.0
 */
public record ScheduledProperties(boolean supervise) {
}
