package dev.resilience.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code alarms} health contributor: DOWN while a {@link Severity#CRITICAL} alarm is set,
 * {@code DEGRADED} while a {@link Severity#MAJOR} one is, UP otherwise (MINOR and WARNING alarms
 * are news for people and keep the instance serving). Active alarms are listed in the details,
 * which Actuator shows only as {@code show-details} allows.
 *
 * @since 0.1.0
 */
public class AlarmsHealthIndicator implements HealthIndicator {

	private static final Health UP = Health.up().build();

	private static final Health DEGRADED = Health.status(ResilienceStatus.DEGRADED).build();

	private static final Health DOWN = Health.down().build();

	private final Alarms alarms;

	/**
	 * @param alarms the alarm list
	 */
	public AlarmsHealthIndicator(Alarms alarms) {
		this.alarms = alarms;
	}

	/** Without details only the worst severity is read: cheap for load balancers polling often. */
	@Override
	public Health health(boolean includeDetails) {
		if (!includeDetails) {
			Status status = statusOf(this.alarms.worstSeverity().orElse(null));
			return (status == Status.UP) ? UP : (status == Status.DOWN) ? DOWN : DEGRADED;
		}
		return health();
	}

	@Override
	public Health health() {
		List<Alarm> active = this.alarms.active();
		Health.Builder health = Health.status(statusOf(this.alarms.worstSeverity().orElse(null)));
		Map<String, Object> details = new LinkedHashMap<>();
		for (Alarm alarm : active) {
			details.put(alarm.id(), Map.of("severity", alarm.severity().name(), "description", alarm.description(),
					"setAt", alarm.setAt().toString()));
		}
		return health.withDetails(details).build();
	}

	private static Status statusOf(Severity worst) {
		if (worst == Severity.CRITICAL) {
			return Status.DOWN;
		}
		return (worst == Severity.MAJOR) ? ResilienceStatus.DEGRADED : Status.UP;
	}

}
