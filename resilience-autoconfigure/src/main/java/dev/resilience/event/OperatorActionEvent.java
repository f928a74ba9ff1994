package dev.resilience.event;

/**
 * An operator used a write operation of the {@code supervisors} or {@code alarms} endpoint:
 * restart, stop, start, pause, resume or trigger a worker, or clear an alarm. Published whether
 * the action was done or refused, for an audit trail.
 *
 * @param target {@code worker} or {@code alarm}
 * @param name the worker's name or the alarm's id
 * @param action {@code restart}, {@code stop}, {@code start}, {@code pause}, {@code resume},
 * {@code trigger} or {@code clear}
 * @param principal the caller's name as Spring Security (or another authentication) gave it, or
 * {@code null} when the caller was anonymous
 * @param outcome {@code done}, or {@code refused: } and why
 *
 * @since 0.1.0
 */
public record OperatorActionEvent(String target, String name, String action, String principal, String outcome) {
}
