package dev.resilience.autoconfigure.settings;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.resilience.tree.WorkerSettings;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.SupervisedWorker;
import dev.resilience.worker.WorkerSpec;

import org.springframework.util.StringUtils;

/**
 * How {@link ResilienceSettingsResolver} resolves workers: each {@code @SupervisedWorker}
 * attribute, overridden by {@code resilience.workers.<name>.*}, placeholders resolved, every
 * value validated.
 */
final class WorkerResolution {

	private static final String MAX_RESTARTS = "-1 (derived from the interval) or a whole number of 0 or more";

	private final ResilienceProperties properties;

	private final UnaryOperator<String> placeholders;

	private final ScheduleResolution schedules;

	private final PropertyFailures failures;

	WorkerResolution(ResilienceProperties properties, UnaryOperator<String> placeholders, Clock clock,
			PropertyFailures failures) {
		this.properties = properties;
		this.placeholders = placeholders;
		this.failures = failures;
		this.schedules = new ScheduleResolution(placeholders, clock, failures);
	}

	/** Validates every value under {@code resilience.workers.*}. */
	void validateOverrides() {
		this.properties.workers().forEach((name, worker) -> {
			String prefix = PropertyKeys.mapKey("resilience.workers", name) + ".";
			if (worker.interval() != null) {
				positive(prefix + "interval", worker.interval());
			}
			if (worker.fixedRate() != null) {
				positive(prefix + "fixed-rate", worker.fixedRate());
			}
			if (worker.initialDelay() != null) {
				notNegative(prefix + "initial-delay", worker.initialDelay());
			}
			if (worker.period() != null) {
				positive(prefix + "period", worker.period());
			}
			if (worker.maxRestarts() != null && worker.maxRestarts() < -1) {
				throw new InvalidResiliencePropertyException(prefix + "max-restarts", worker.maxRestarts(),
						MAX_RESTARTS);
			}
			if (worker.timeout() != null) {
				positive(prefix + "timeout", worker.timeout());
			}
			if (worker.staleAfter() != null) {
				positive(prefix + "stale-after", worker.staleAfter());
			}
			ResilienceSettingsResolver.atLeast(prefix + "alarm-after-failures", worker.alarmAfterFailures(), 1);
			alarmFailureRate(prefix, worker);
			notNegative(prefix + "shutdown-timeout", worker.shutdownTimeout());
			BackoffResolution.resolve(name, worker.backoff());
		});
	}

	List<ResolvedWorker> resolve(List<WorkerDeclaration> declarations, Collection<String> checks) {
		Map<String, WorkerDeclaration> byName = new LinkedHashMap<>();
		for (WorkerDeclaration declaration : declarations) {
			String name = nameOf(declaration);
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
			WorkerProperties overrides = this.properties.workers().get(name);
			if (overrides == null || overrides.enabled()) {
				WorkerProperties worker = (overrides != null) ? overrides : ResilienceProperties.defaults(WorkerProperties.class);
				resolved.add(resolve(name, declaration, worker, checks));
			}
		});
		for (ResolvedWorker worker : resolved) {
			String group = worker.settings().group();
			if (group != null && byName.containsKey(group)) {
				throw new InvalidResiliencePropertyException("@SupervisedWorker(group) on " + worker.location(), group,
						"a group name that is not also the name of a worker");
			}
		}
		return resolved;
	}

	private String nameOf(WorkerDeclaration declaration) {
		String name = this.placeholders.apply(declaration.annotation().name());
		return StringUtils.hasText(name) ? name : declaration.beanName() + "." + declaration.methodName();
	}

	private ResolvedWorker resolve(String name, WorkerDeclaration declaration, WorkerProperties worker,
			Collection<String> checks) {
		SupervisedWorker annotation = declaration.annotation();
		String at = "@SupervisedWorker(%s) on " + declaration.location();
		Schedule schedule = this.schedules.resolve(name, declaration, worker);
		Duration initialDelay = (worker.initialDelay() != null) ? worker.initialDelay()
				: parse(at.formatted("initialDelay"), annotation.initialDelay());
		if (schedule instanceof Schedule.Cron && worker.initialDelay() == null && Duration.ZERO.equals(initialDelay)) {
			// a converted @Scheduled fixed-delay method carries Spring's 0s; a cron override replaces it
			initialDelay = null;
		}
		if (schedule instanceof Schedule.Cron && initialDelay != null) {
			throw new InvalidResiliencePropertyException((worker.initialDelay() != null)
					? PropertyKeys.mapKey("resilience.workers", name) + ".initial-delay" : at.formatted("initialDelay"),
					Durations.text(initialDelay), "no initial delay with a cron schedule: the first run comes at "
							+ "the next fire time");
		}
		if (!(schedule instanceof Schedule.Cron)) {
			initialDelay = notNegative(at.formatted("initialDelay"),
					(initialDelay != null) ? initialDelay : schedule.interval());
		}
		Duration period = (worker.period() != null) ? worker.period()
				: positive(at.formatted("period"), parse(at.formatted("period"), annotation.period()));
		int maxRestarts = (worker.maxRestarts() != null) ? worker.maxRestarts() : annotation.maxRestarts();
		if (maxRestarts < -1) {
			throw new InvalidResiliencePropertyException(at.formatted("maxRestarts"), maxRestarts, MAX_RESTARTS);
		}
		Duration timeout = (worker.timeout() != null) ? worker.timeout()
				: parse(at.formatted("timeout"), annotation.timeout());
		if (timeout != null) {
			positive(at.formatted("timeout"), timeout);
		}
		String group = this.placeholders.apply(annotation.group());
		boolean clusterSingleton = (worker.clusterSingleton() != null) ? worker.clusterSingleton()
				: annotation.clusterSingleton();
		WorkerSpec spec = new WorkerSpec(name, schedule, initialDelay, timeout, worker.shutdownTimeout(),
				annotation.restart(), BackoffResolution.resolve(name, worker.backoff()));
		WorkerSettings settings = new WorkerSettings(spec, period, maxRestarts,
				StringUtils.hasText(group) ? group : null, clusterSingleton, worker.alarmAfterFailures(),
				worker.alarmSeverity());
		if (worker.alarmFailureRate() != null) {
			settings = settings.withAlarmFailureRate(worker.alarmFailureRate(),
					(worker.alarmWindow() != null) ? worker.alarmWindow() : WorkerSettings.DEFAULT_ALARM_WINDOW);
		}
		if (worker.staleAfter() != null) {
			settings = settings.withStaleAfter(staleAfter(name, worker.staleAfter(), schedule),
					worker.staleSeverity());
		}
		return new ResolvedWorker(settings.withDependsOn(dependsOn(name, declaration, worker, checks)),
				declaration.jobs(), declaration.location());
	}

	/** {@code depends-on} replaces the annotation's {@code dependsOn}; each must name a check. */
	private List<String> dependsOn(String name, WorkerDeclaration declaration, WorkerProperties worker,
			Collection<String> checks) {
		boolean property = worker.dependsOn() != null;
		String where = property ? PropertyKeys.mapKey("resilience.workers", name) + ".depends-on"
				: "@SupervisedWorker(dependsOn) on " + declaration.location();
		List<String> given = property ? worker.dependsOn()
				: Arrays.stream(declaration.annotation().dependsOn()).map(this.placeholders).toList();
		List<String> dependsOn = new ArrayList<>();
		for (String check : given) {
			String trimmed = (check != null) ? check.trim() : "";
			if (!checks.contains(trimmed)) {
				throw new InvalidResiliencePropertyException(where, check,
						"the name of a dependency check: one of " + checks);
			}
			if (!dependsOn.contains(trimmed)) {
				dependsOn.add(trimmed);
			}
		}
		return dependsOn;
	}

	/** {@code alarm-failure-rate} 0 (off) to 100; {@code alarm-window} 1 or more, and only with a rate. */
	private static void alarmFailureRate(String prefix, WorkerProperties worker) {
		Integer rate = worker.alarmFailureRate();
		if (rate != null && (rate < 0 || rate > 100)) {
			throw new InvalidResiliencePropertyException(prefix + "alarm-failure-rate", rate,
					"a percentage from 1 to 100 (0 or unset: no failure-rate rule)");
		}
		Integer window = worker.alarmWindow();
		if (window != null && window < 1) {
			throw new InvalidResiliencePropertyException(prefix + "alarm-window", window,
					"a whole number of runs, 1 or more");
		}
		if (window != null && rate == null) {
			throw new InvalidResiliencePropertyException(prefix + "alarm-window", window,
					"no value unless " + prefix + "alarm-failure-rate is set too (alone, the window would be "
							+ "ignored)");
		}
	}

	private static Duration staleAfter(String name, Duration staleAfter, Schedule schedule) {
		if (staleAfter.compareTo(schedule.interval()) < 0) {
			throw new InvalidResiliencePropertyException(PropertyKeys.mapKey("resilience.workers", name) + ".stale-after",
					Durations.text(staleAfter), "a duration of at least the worker's interval, "
							+ Durations.text(schedule.interval()) + ", so that a worker on schedule never goes stale");
		}
		return staleAfter;
	}

	private Duration parse(String attribute, String text) {
		return Durations.parse(attribute, this.placeholders.apply(text));
	}

	private static Duration positive(String property, Duration value) {
		return Durations.positive(property, value);
	}

	private static Duration notNegative(String property, Duration value) {
		return Durations.notNegative(property, value);
	}

}
