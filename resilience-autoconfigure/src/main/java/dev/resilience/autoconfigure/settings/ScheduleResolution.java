package dev.resilience.autoconfigure.settings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.resilience.worker.Schedule;
import dev.resilience.worker.SupervisedWorker;

import org.springframework.util.StringUtils;

/**
 * Resolves a worker's schedule: exactly one of {@code interval} (fixed delay), {@code fixedRate}
 * and {@code cron} (with an optional {@code zone}). A schedule set under
 * {@code resilience.workers.<name>} replaces the annotation's: that is not a conflict.
 */
final class ScheduleResolution {

	private final UnaryOperator<String> placeholders;

	private final Clock clock;

	private final PropertyFailures failures;

	ScheduleResolution(UnaryOperator<String> placeholders, Clock clock, PropertyFailures failures) {
		this.placeholders = placeholders;
		this.clock = clock;
		this.failures = failures;
	}

	Schedule resolve(String name, WorkerDeclaration declaration, WorkerProperties worker) {
		String prefix = PropertyKeys.mapKey("resilience.workers", name) + ".";
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
		Schedule schedule;
		if (!inYaml.isEmpty()) {
			schedule = switch (inYaml.get(0)) {
				case "interval" -> Schedule.fixedDelay(worker.interval());
				case "fixed-rate" -> Schedule.fixedRate(worker.fixedRate());
				default -> cron(prefix + "cron", worker.cron(), prefix + "zone", zone(worker, declaration));
			};
		}
		else {
			schedule = fromAnnotation(name, declaration, worker);
		}
		String zone = zone(worker, declaration);
		if (zone != null && !(schedule instanceof Schedule.Cron)) {
			String property = (worker.zone() != null) ? prefix + "zone"
					: "@SupervisedWorker(zone) on " + declaration.location();
			throw new InvalidResiliencePropertyException(property, zone,
					"no zone: worker '" + name + "' runs on a " + schedule + ", and a zone goes only with cron");
		}
		return schedule;
	}

	private Schedule fromAnnotation(String name, WorkerDeclaration declaration, WorkerProperties worker) {
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
		if (given.size() != 1) {
			throw new InvalidResiliencePropertyException(at.formatted(String.join(", ", given)),
					given.isEmpty() ? "(none)" : String.join(" and ", given),
					"exactly one of interval, fixedRate and cron for worker '" + name
							+ "', or one of them under resilience.workers." + name);
		}
		String zone = zone(worker, declaration);
		return switch (given.get(0)) {
			case "interval" -> Schedule.fixedDelay(
					Durations.positive(at.formatted("interval"), Durations.parse(at.formatted("interval"), interval)));
			case "fixedRate" -> Schedule.fixedRate(Durations.positive(at.formatted("fixedRate"),
					Durations.parse(at.formatted("fixedRate"), fixedRate)));
			default -> cron(at.formatted("cron"), cron, (worker.zone() != null)
					? PropertyKeys.mapKey("resilience.workers", name) + ".zone" : at.formatted("zone"), zone);
		};
	}

	private String zone(WorkerProperties worker, WorkerDeclaration declaration) {
		if (worker.zone() != null) {
			return worker.zone();
		}
		String zone = this.placeholders.apply(declaration.annotation().zone());
		return StringUtils.hasText(zone) ? zone : null;
	}

	private Schedule cron(String cronProperty, String expression, String zoneProperty, String zone) {
		return CronSchedules.of(cronProperty, expression, zoneProperty, zone, this.clock);
	}

}
