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
 */
public class AlarmsHealthIndicator implements HealthIndicator {

	private final Alarms alarms;

	/**
	 * @param alarms the alarm list
	 */
	public AlarmsHealthIndicator(Alarms alarms) {
		this.alarms = alarms;
	}

	@Override
	public Health health() {
		List<Alarm> active = this.alarms.active();
		Health.Builder health = Health.status(statusOf(active));
		Map<String, Object> details = new LinkedHashMap<>();
		for (Alarm alarm : active) {
			details.put(alarm.id(), Map.of("severity", alarm.severity().name(), "description", alarm.description(),
					"setAt", alarm.setAt().toString()));
		}
		return health.withDetails(details).build();
	}

	private static Status statusOf(List<Alarm> active) {
		boolean major = false;
		for (Alarm alarm : active) {
			if (alarm.severity() == Severity.CRITICAL) {
				return Status.DOWN;
			}
			major |= alarm.severity() == Severity.MAJOR;
		}
		return major ? ResilienceStatus.DEGRADED : Status.UP;
	}

}
