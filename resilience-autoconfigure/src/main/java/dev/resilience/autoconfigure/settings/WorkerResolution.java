package dev.resilience.autoconfigure.settings;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.resilience.tree.WorkerSettings;
import dev.resilience.worker.Backoff;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.SupervisedWorker;
import dev.resilience.worker.WorkerSpec;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;

/**
 * Resolves workers: each {@code @SupervisedWorker} attribute, overridden by
 * {@code resilience.workers.<name>.*}, placeholders resolved, every value validated; cron
 * schedules on Spring's {@link CronExpression}.
 */
final class WorkerResolution {

	private static final String CRON = "a cron expression of six fields (second minute hour day-of-month month "
			+ "day-of-week) such as '0 */5 * * * *', or a macro such as @hourly";

	private static final WorkerProperties NO_OVERRIDES = ResilienceProperties.defaults(WorkerProperties.class);

	private final ResilienceProperties properties;

	private final UnaryOperator<String> placeholders;

	private final Clock clock;

	private final PropertyFailures failures;

	WorkerResolution(ResilienceProperties properties, UnaryOperator<String> placeholders, Clock clock,
			PropertyFailures failures) {
		this.properties = properties;
		this.placeholders = placeholders;
		this.failures = failures;
		this.clock = clock;
	}

	void validateOverrides() {
		this.properties.workers().forEach((name, worker) -> {
			String prefix = PropertyKeys.worker(name);
			Durations.positiveOrNone(prefix + "interval", worker.interval());
			Durations.positiveOrNone(prefix + "fixed-rate", worker.fixedRate());
			if (worker.initialDelay() != null) {
				Durations.notNegative(prefix + "initial-delay", worker.initialDelay());
			}
			Durations.positiveOrNone(prefix + "period", worker.period());
			maxRestarts(prefix + "max-restarts", worker.maxRestarts());
			Durations.positiveOrNone(prefix + "timeout", worker.timeout());
			Durations.positiveOrNone(prefix + "stale-after", worker.staleAfter());
			Durations.positiveOrNone(prefix + "lease-time", worker.leaseTime());
			ResilienceSettingsResolver.atLeast(prefix + "alarm-after-failures", worker.alarmAfterFailures(), 1);
			Integer rate = worker.alarmFailureRate();
			InvalidResiliencePropertyException.require(rate == null || (rate >= 0 && rate <= 100),
					prefix + "alarm-failure-rate", rate,
					"a percentage from 1 to 100 (0 or unset: no failure-rate rule)");
			Integer window = worker.alarmWindow();
			InvalidResiliencePropertyException.require(window == null || window >= 1, prefix + "alarm-window", window,
					"a whole number of runs, 1 or more");
			InvalidResiliencePropertyException.require(window == null || rate != null, prefix + "alarm-window", window,
					"no value unless " + prefix + "alarm-failure-rate is set too (alone, the window would be ignored)");
			Durations.notNegative(prefix + "shutdown-timeout", worker.shutdownTimeout());
			backoff(name, worker.backoff());
		});
	}

	List<ResolvedWorker> resolve(List<WorkerDeclaration> declarations, Collection<String> checks) {
		Map<String, WorkerDeclaration> byName = new LinkedHashMap<>();
		for (WorkerDeclaration declaration : declarations) {
			String name = this.placeholders.apply(declaration.annotation().name());
			name = StringUtils.hasText(name) ? name : declaration.beanName() + "." + declaration.methodName();
			WorkerDeclaration other = byName.putIfAbsent(name, declaration);
			if (other != null) {
				throw new InvalidResiliencePropertyException("@SupervisedWorker(name) on " + declaration.location(),
						name, "a name no other worker uses (" + other.location() + " has it)");
			}
		}
		for (String name : this.properties.workers().keySet()) {
			if (!byName.containsKey(name)) {
				throw this.failures.unknownName("resilience.workers", name, "@SupervisedWorker", byName.keySet());
			}
		}
		List<ResolvedWorker> resolved = new ArrayList<>();
		byName.forEach((name, declaration) -> {
			WorkerProperties worker = this.properties.workers().getOrDefault(name, NO_OVERRIDES);
			if (worker.enabled()) {
				resolved.add(resolve(name, declaration, worker, checks));
			}
		});
		for (ResolvedWorker worker : resolved) {
			String group = worker.settings().group();
			InvalidResiliencePropertyException.require(group == null || !byName.containsKey(group),
					"@SupervisedWorker(group) on " + worker.location(), group,
					"a group name that is not also the name of a worker");
		}
		return resolved;
	}

	private ResolvedWorker resolve(String name, WorkerDeclaration declaration, WorkerProperties worker,
			Collection<String> checks) {
		SupervisedWorker annotation = declaration.annotation();
		String at = "@SupervisedWorker(%s) on " + declaration.location();
		Schedule schedule = schedule(name, declaration, worker);
		boolean overridden = worker.initialDelay() != null;
		Duration initialDelay = overridden ? worker.initialDelay()
				: parse(at.formatted("initialDelay"), annotation.initialDelay());
		// a converted @Scheduled fixed-delay method carries Spring's 0s, which a cron override replaces
		boolean cron = schedule instanceof Schedule.Cron;
		InvalidResiliencePropertyException.require(
				!cron || initialDelay == null || (!overridden && initialDelay.isZero()),
				overridden ? PropertyKeys.worker(name) + "initial-delay" : at.formatted("initialDelay"),
				Durations.text(initialDelay), "no initial delay with a cron schedule: the first run comes at the next "
						+ "fire time");
		initialDelay = cron ? null : Durations.notNegative(at.formatted("initialDelay"),
				(initialDelay != null) ? initialDelay : schedule.interval());
		Duration period = (worker.period() != null) ? worker.period()
				: Durations.positive(at.formatted("period"), parse(at.formatted("period"), annotation.period()));
		int maxRestarts = (worker.maxRestarts() != null) ? worker.maxRestarts()
				: maxRestarts(at.formatted("maxRestarts"), annotation.maxRestarts());
		Duration timeout = (worker.timeout() != null) ? worker.timeout()
				: Durations.positiveOrNone(at.formatted("timeout"),
						parse(at.formatted("timeout"), annotation.timeout()));
		String group = this.placeholders.apply(annotation.group());
		boolean clusterSingleton = (worker.clusterSingleton() != null) ? worker.clusterSingleton()
				: annotation.clusterSingleton();
		WorkerSpec spec = new WorkerSpec(name, schedule, initialDelay, timeout, worker.shutdownTimeout(),
				annotation.restart(), backoff(name, worker.backoff()));
		WorkerSettings settings = new WorkerSettings(spec, period, maxRestarts,
				StringUtils.hasText(group) ? group : null, clusterSingleton, worker.alarmAfterFailures(),
				worker.alarmSeverity()).withLeaseTime(worker.leaseTime());
		if (worker.alarmFailureRate() != null) {
			settings = settings.withAlarmFailureRate(worker.alarmFailureRate(),
					(worker.alarmWindow() != null) ? worker.alarmWindow() : WorkerSettings.DEFAULT_ALARM_WINDOW);
		}
		if (worker.staleAfter() != null) {
			InvalidResiliencePropertyException.require(worker.staleAfter().compareTo(schedule.interval()) >= 0,
					PropertyKeys.worker(name) + "stale-after", Durations.text(worker.staleAfter()),
					"a duration of at least the worker's interval, " + Durations.text(schedule.interval())
							+ ", so that a worker on schedule never goes stale");
			settings = settings.withStaleAfter(worker.staleAfter(), worker.staleSeverity());
		}
		return new ResolvedWorker(settings.withDependsOn(dependsOn(name, declaration, worker, checks)),
				declaration.jobs(), declaration.location());
	}

	/** {@code depends-on} replaces the annotation's {@code dependsOn}; each must name a check. */
	private List<String> dependsOn(String name, WorkerDeclaration declaration, WorkerProperties worker,
			Collection<String> checks) {
		boolean property = worker.dependsOn() != null;
		String where = property ? PropertyKeys.worker(name) + "depends-on"
				: "@SupervisedWorker(dependsOn) on " + declaration.location();
		List<String> given = property ? worker.dependsOn()
				: Arrays.stream(declaration.annotation().dependsOn()).map(this.placeholders).toList();
		for (String check : given) {
			InvalidResiliencePropertyException.require(check != null && checks.contains(check.trim()), where, check,
					"the name of a dependency check: one of " + checks);
		}
		return given.stream().map(String::trim).distinct().toList();
	}

	/** @return the one schedule of interval, fixedRate and cron; one set in YAML replaces the annotation's */
	private Schedule schedule(String name, WorkerDeclaration declaration, WorkerProperties worker) {
		String prefix = PropertyKeys.worker(name);
		String at = "@SupervisedWorker(%s) on " + declaration.location();
		String zone = worker.zone();
		if (zone == null) {
			zone = this.placeholders.apply(declaration.annotation().zone());
			zone = StringUtils.hasText(zone) ? zone : null;
		}
		String zoneProperty = (worker.zone() != null) ? prefix + "zone" : at.formatted("zone");
		List<String> inYaml = Stream.of("interval", "fixed-rate", "cron").filter((key) -> switch (key) {
			case "interval" -> worker.interval() != null;
			case "fixed-rate" -> worker.fixedRate() != null;
			default -> StringUtils.hasText(worker.cron());
		}).toList();
		if (inYaml.size() > 1) {
			throw this.failures.exclusive(inYaml.stream().map((key) -> prefix + key).toList(),
					List.of(prefix + "interval", prefix + "fixed-rate", prefix + "cron"));
		}
		Schedule schedule = inYaml.isEmpty() ? fromAnnotation(name, at, declaration.annotation(), zoneProperty, zone)
				: switch (inYaml.get(0)) {
					case "interval" -> Schedule.fixedDelay(worker.interval());
					case "fixed-rate" -> Schedule.fixedRate(worker.fixedRate());
					default -> cron(prefix + "cron", worker.cron(), prefix + "zone", zone);
				};
		InvalidResiliencePropertyException.require(zone == null || schedule instanceof Schedule.Cron, zoneProperty,
				zone, "no zone: worker '" + name + "' runs on a " + schedule + ", and a zone goes only with cron");
		return schedule;
	}

	private Schedule fromAnnotation(String name, String at, SupervisedWorker annotation, String zoneProperty,
			String zone) {
		String interval = this.placeholders.apply(annotation.interval());
		String fixedRate = this.placeholders.apply(annotation.fixedRate());
		String cron = this.placeholders.apply(annotation.cron());
		List<String> given = Stream.of("interval", "fixedRate", "cron")
			.filter((attribute) -> StringUtils.hasText(switch (attribute) {
				case "interval" -> interval;
				case "fixedRate" -> fixedRate;
				default -> cron;
			}))
			.toList();
		InvalidResiliencePropertyException.require(given.size() == 1, at.formatted(String.join(", ", given)),
				given.isEmpty() ? "(none)" : String.join(" and ", given), "exactly one of interval, fixedRate and cron "
						+ "for worker '" + name + "', or one of them under resilience.workers." + name);
		String attribute = at.formatted(given.get(0));
		return switch (given.get(0)) {
			case "interval" ->
				Schedule.fixedDelay(Durations.positive(attribute, Durations.parse(attribute, interval)));
			case "fixedRate" ->
				Schedule.fixedRate(Durations.positive(attribute, Durations.parse(attribute, fixedRate)));
			default -> cron(attribute, cron, zoneProperty, zone);
		};
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
			throw new InvalidResiliencePropertyException(zoneProperty, zone,
					"a time zone id such as Europe/Oslo, UTC or +02:00");
		}
		Schedule.NextFire fires = (after) -> {
			ZonedDateTime next = cron.next(after.atZone(zoneId));
			return (next != null) ? next.toInstant() : null;
		};
		Duration gap = fires.shortestGap(this.clock.instant());
		InvalidResiliencePropertyException.require(gap != null, cronProperty, expression,
				CRON + " that fires at least twice from now on");
		return new Schedule.Cron(expression.trim(), zoneId.getId(), fires, gap);
	}

	/** @return the worker's backoff, or {@code null} for none: off unless {@code initial} is set */
	static Backoff backoff(String worker, BackoffProperties backoff) {
		String prefix = PropertyKeys.worker(worker) + "backoff.";
		if (backoff.initial() == null) {
			rejectWithoutInitial(prefix, "max", Durations.text(backoff.max()), backoff.max() != null);
			rejectWithoutInitial(prefix, "multiplier", backoff.multiplier(), backoff.multiplier() != null);
			rejectWithoutInitial(prefix, "jitter", backoff.jitter(), backoff.jitter() != null);
			rejectWithoutInitial(prefix, "reset-after", Durations.text(backoff.resetAfter()),
					backoff.resetAfter() != null);
			return null;
		}
		Duration initial = Durations.positive(prefix + "initial", backoff.initial());
		Duration max = (backoff.max() != null) ? Durations.positive(prefix + "max", backoff.max())
				: initial.multipliedBy(Backoff.DEFAULT_MAX_FACTOR);
		InvalidResiliencePropertyException.require(max.compareTo(initial) >= 0, prefix + "max", Durations.text(max),
				"a duration of at least " + prefix + "initial (" + Durations.text(initial) + ")");
		double multiplier = (backoff.multiplier() != null) ? backoff.multiplier() : Backoff.DEFAULT_MULTIPLIER;
		InvalidResiliencePropertyException.require(multiplier >= 1 && !Double.isInfinite(multiplier),
				prefix + "multiplier", backoff.multiplier(),
				"a number of at least 1, such as 2 (1 keeps the initial delay)");
		double jitter = (backoff.jitter() != null) ? backoff.jitter() : Backoff.DEFAULT_JITTER;
		InvalidResiliencePropertyException.require(jitter >= 0 && jitter <= 1, prefix + "jitter", backoff.jitter(),
				"a number from 0 to 1, such as 0.2 for ±20% (0 for no jitter)");
		Duration resetAfter = (backoff.resetAfter() != null)
				? Durations.positive(prefix + "reset-after", backoff.resetAfter()) : max.multipliedBy(2);
		return new Backoff(initial, max, multiplier, jitter, resetAfter);
	}

	private static void rejectWithoutInitial(String prefix, String key, Object value, boolean set) {
		InvalidResiliencePropertyException.require(!set, prefix + key, value,
				"no value unless " + prefix + "initial is set too: backoff is off without it");
	}

	private Duration parse(String attribute, String text) {
		return Durations.parse(attribute, this.placeholders.apply(text));
	}

	private static Integer maxRestarts(String property, Integer maxRestarts) {
		InvalidResiliencePropertyException.require(maxRestarts == null || maxRestarts >= -1, property, maxRestarts,
				"-1 (derived from the interval) or a whole number of 0 or more");
		return maxRestarts;
	}

}
