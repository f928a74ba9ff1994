/**
 * Application events for monitors: OTP's monitors, as plain records published through Spring's
 * {@code ApplicationEventPublisher}. Listen with {@code @EventListener}.
 */
package dev.resilience.event;
