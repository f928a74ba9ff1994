package dev.resilience.autoconfigure.settings;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.resilience.worker.Schedule;
import dev.resilience.worker.SupervisedWorker;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;

/**
 * Resolves a worker's schedule: exactly one of {@code interval} (fixed delay), {@code fixedRate}
 * and {@code cron} (on Spring's {@link CronExpression}, with an optional {@code zone}). A schedule
 * under {@code resilience.workers.<name>} replaces the annotation's.
 */
final class ScheduleResolution {

	static final String CRON = "a cron expression of six fields (second minute hour day-of-month month "
			+ "day-of-week) such as '0 */5 * * * *', or a macro such as @hourly";

	static final String ZONE = "a time zone id such as Europe/Oslo, UTC or +02:00";

	private final UnaryOperator<String> placeholders;

	private final Clock clock;

	private final PropertyFailures failures;

	ScheduleResolution(UnaryOperator<String> placeholders, Clock clock, PropertyFailures failures) {
		this.placeholders = placeholders;
		this.clock = clock;
		this.failures = failures;
	}

	Schedule resolve(String name, WorkerDeclaration declaration, WorkerProperties worker) {
		String prefix = PropertyKeys.worker(name);
		List<String> inYaml = new ArrayList<>();
		if (worker.interval() != null) {
			inYaml.add("interval");
		}
		if (worker.fixedRate() != null) {
			inYaml.add("fixed-rate");
		}
		if (StringUtils.hasText(worker.cron())) {
			inYaml.add("cron");
		}
		if (inYaml.size() > 1) {
			throw this.failures.exclusive(inYaml.stream().map((key) -> prefix + key).toList(),
					List.of(prefix + "interval", prefix + "fixed-rate", prefix + "cron"));
		}
		String zone = zone(worker, declaration);
		Schedule schedule = inYaml.isEmpty() ? fromAnnotation(name, declaration, worker, zone)
				: switch (inYaml.get(0)) {
					case "interval" -> Schedule.fixedDelay(worker.interval());
					case "fixed-rate" -> Schedule.fixedRate(worker.fixedRate());
					default -> cron(prefix + "cron", worker.cron(), prefix + "zone", zone);
				};
		if (zone != null && !(schedule instanceof Schedule.Cron)) {
			String property = (worker.zone() != null) ? prefix + "zone"
					: "@SupervisedWorker(zone) on " + declaration.location();
			throw new InvalidResiliencePropertyException(property, zone,
					"no zone: worker '" + name + "' runs on a " + schedule + ", and a zone goes only with cron");
		}
		return schedule;
	}

	private Schedule fromAnnotation(String name, WorkerDeclaration declaration, WorkerProperties worker, String zone) {
		SupervisedWorker annotation = declaration.annotation();
		String at = "@SupervisedWorker(%s) on " + declaration.location();
		String interval = this.placeholders.apply(annotation.interval());
		String fixedRate = this.placeholders.apply(annotation.fixedRate());
		String cron = this.placeholders.apply(annotation.cron());
		List<String> given = new ArrayList<>();
		if (StringUtils.hasText(interval)) {
			given.add("interval");
		}
		if (StringUtils.hasText(fixedRate)) {
			given.add("fixedRate");
		}
		if (StringUtils.hasText(cron)) {
			given.add("cron");
		}
		InvalidResiliencePropertyException.require(given.size() == 1, at.formatted(String.join(", ", given)),
				given.isEmpty() ? "(none)" : String.join(" and ", given), "exactly one of interval, fixedRate and cron "
						+ "for worker '" + name + "', or one of them under resilience.workers." + name);
		String attribute = at.formatted(given.get(0));
		return switch (given.get(0)) {
			case "interval" -> Schedule.fixedDelay(Durations.positive(attribute, Durations.parse(attribute, interval)));
			case "fixedRate" -> Schedule.fixedRate(Durations.positive(attribute, Durations.parse(attribute, fixedRate)));
			default -> cron(attribute, cron, (worker.zone() != null)
					? PropertyKeys.worker(name) + "zone" : at.formatted("zone"), zone);
		};
	}

	private String zone(WorkerProperties worker, WorkerDeclaration declaration) {
		if (worker.zone() != null) {
			return worker.zone();
		}
		String zone = this.placeholders.apply(declaration.annotation().zone());
		return StringUtils.hasText(zone) ? zone : null;
	}

	private Schedule.Cron cron(String cronProperty, String expression, String zoneProperty, String zone) {
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
		Schedule.NextFire fires = (after) -> {
			ZonedDateTime next = cron.next(after.atZone(zoneId));
			return (next != null) ? next.toInstant() : null;
		};
		Duration gap = fires.shortestGap(this.clock.instant());
		InvalidResiliencePropertyException.require(gap != null, cronProperty, expression, CRON + " that fires at least twice from now on");
		return new Schedule.Cron(expression.trim(), zoneId.getId(), fires, gap);
	}

}
