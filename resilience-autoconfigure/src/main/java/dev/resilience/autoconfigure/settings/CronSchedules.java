package dev.resilience.autoconfigure.settings;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.resilience.worker.Schedule;

import org.springframework.scheduling.support.CronExpression;

/**
 * Cron schedules on Spring's {@link CronExpression}: parses the expression and the zone, and
 * finds the shortest gap between two consecutive fires over the next 24 hours (at least two
 * fires are looked at, so a daily or monthly expression gets its real gap).
 */
final class CronSchedules {

	static final String CRON = "a cron expression of six fields (second minute hour day-of-month month "
			+ "day-of-week) such as '0 */5 * * * *', or a macro such as @hourly";

	static final String ZONE = "a time zone id such as Europe/Oslo, UTC or +02:00";

	private static final Duration HORIZON = Duration.ofHours(24);

	/** Enough for a cron that fires every second for 24 hours. */
	private static final int MOST_FIRES = 86_401;

	private CronSchedules() {
	}

	/**
	 * @param cronProperty the property or attribute of the expression, for messages
	 * @param expression the expression
	 * @param zoneProperty the property or attribute of the zone, for messages
	 * @param zone the zone id, or {@code null} for the JVM's
	 * @param clock the clock to look ahead from
	 * @return the schedule
	 * @throws InvalidResiliencePropertyException if the expression or the zone is not valid, or
	 * the expression never fires
	 */
	static Schedule.Cron of(String cronProperty, String expression, String zoneProperty, String zone, Clock clock) {
		CronExpression cron;
		try {
			cron = CronExpression.parse(expression.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidResiliencePropertyException(cronProperty, expression, CRON + " (" + ex.getMessage() + ")");
		}
		ZoneId zoneId;
		try {
			zoneId = (zone != null) ? ZoneId.of(zone.trim()) : ZoneId.systemDefault();
		}
		catch (DateTimeException ex) {
			throw new InvalidResiliencePropertyException(zoneProperty, zone, ZONE);
		}
		Duration gap = shortestGap(cron, zoneId, clock.instant());
		if (gap == null) {
			throw new InvalidResiliencePropertyException(cronProperty, expression,
					CRON + " that fires at least twice from now on");
		}
		Schedule.NextFire fires = (after) -> {
			ZonedDateTime next = cron.next(after.atZone(zoneId));
			return (next != null) ? next.toInstant() : null;
		};
		return new Schedule.Cron(expression.trim(), zoneId.getId(), fires, gap);
	}

	private static Duration shortestGap(CronExpression cron, ZoneId zone, Instant from) {
		Instant horizon = from.plus(HORIZON);
		ZonedDateTime previous = cron.next(from.atZone(zone));
		Duration shortest = null;
		for (int fires = 1; previous != null && fires < MOST_FIRES; fires++) {
			ZonedDateTime next = cron.next(previous);
			if (next == null) {
				break;
			}
			Duration gap = Duration.between(previous, next);
			shortest = (shortest == null || gap.compareTo(shortest) < 0) ? gap : shortest;
			if (next.toInstant().isAfter(horizon)) {
				break;
			}
			previous = next;
		}
		return shortest;
	}

}
