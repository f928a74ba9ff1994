package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.worker.SupervisedWorker;
import dev.resilience.worker.WorkerSpec;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

/**
 * Turns discovered worker methods and {@code resilience.*} properties into effective worker
 * settings, validating every value: a bad one throws an
 * {@link InvalidResiliencePropertyException} naming the property (or annotation attribute), the
 * value and what is allowed.
 */
final class WorkerSettingsResolver {

	static final String DURATION = "a duration such as 500ms, 1s, 2m or PT1S";

	private static final String POSITIVE_DURATION = "a positive duration such as 500ms, 1s or 2m";

	private static final String NON_NEGATIVE_DURATION = "zero or a positive duration such as 0s, 500ms or 1s";

	private final ResilienceProperties properties;

	private final UnaryOperator<String> placeholders;

	private final UnaryOperator<String> rawValues;

	/**
	 * @param properties the starter's properties
	 * @param placeholders resolves {@code ${...}} placeholders in annotation attributes
	 * @param rawValues the text of a property as the user wrote it, for messages, or {@code null}
	 */
	WorkerSettingsResolver(ResilienceProperties properties, UnaryOperator<String> placeholders,
			UnaryOperator<String> rawValues) {
		this.properties = properties;
		this.placeholders = placeholders;
		this.rawValues = rawValues;
	}

	/** Validates {@code resilience.supervisor.*}. */
	void validateRootSupervisor() {
		ResilienceProperties.Supervisor root = this.properties.getSupervisor();
		if (root.getMaxRestarts() < 0) {
			throw new InvalidResiliencePropertyException("resilience.supervisor.max-restarts", root.getMaxRestarts(),
					"a whole number of 0 or more");
		}
		requirePositive("resilience.supervisor.period", root.getPeriod());
	}

	/**
	 * @param methods the discovered worker methods
	 * @return the enabled workers with their effective settings, in discovery order
	 */
	List<WorkerRegistration> resolve(List<WorkerMethod> methods) {
		Map<String, WorkerMethod> byName = new LinkedHashMap<>();
		for (WorkerMethod method : methods) {
			String name = nameOf(method);
			WorkerMethod other = byName.putIfAbsent(name, method);
			if (other != null) {
				throw new InvalidResiliencePropertyException("@SupervisedWorker(name) on " + method.location(), name,
						"a name no other worker uses (" + other.location() + " has it)");
			}
		}
		for (Map.Entry<String, ResilienceProperties.Worker> entry : this.properties.getWorkers().entrySet()) {
			if (!byName.containsKey(entry.getKey())) {
				throw new InvalidResiliencePropertyException("resilience.workers." + entry.getKey(), entry.getKey(),
						"the name of a @SupervisedWorker: one of " + byName.keySet());
			}
			validateOverrides(entry.getKey(), entry.getValue());
		}
		List<WorkerRegistration> resolved = new ArrayList<>();
		byName.forEach((name, method) -> {
			ResilienceProperties.Worker overrides = this.properties.getWorkers().get(name);
			if (overrides == null || overrides.isEnabled()) {
				resolved.add(resolve(name, method, overrides));
			}
		});
		return resolved;
	}

	private String nameOf(WorkerMethod method) {
		String name = this.placeholders.apply(method.annotation().name());
		return StringUtils.hasText(name) ? name : method.beanName() + "." + method.method().getName();
	}

	private void validateOverrides(String name, ResilienceProperties.Worker worker) {
		String prefix = "resilience.workers." + name + ".";
		if (worker.getInterval() != null) {
			requirePositive(prefix + "interval", worker.getInterval());
		}
		if (worker.getInitialDelay() != null) {
			requireNotNegative(prefix + "initial-delay", worker.getInitialDelay());
		}
		if (worker.getPeriod() != null) {
			requirePositive(prefix + "period", worker.getPeriod());
		}
		if (worker.getMaxRestarts() != null && worker.getMaxRestarts() < -1) {
			throw new InvalidResiliencePropertyException(prefix + "max-restarts", worker.getMaxRestarts(),
					"-1 (derived from the interval) or a whole number of 0 or more");
		}
		if (worker.getTimeout() != null) {
			requirePositive(prefix + "timeout", worker.getTimeout());
		}
		if (worker.getAlarmAfterFailures() < 1) {
			throw new InvalidResiliencePropertyException(prefix + "alarm-after-failures", worker.getAlarmAfterFailures(),
					"a whole number of 1 or more");
		}
		if (worker.getShutdownTimeout() == null) {
			throw new InvalidResiliencePropertyException(prefix + "shutdown-timeout", null, NON_NEGATIVE_DURATION);
		}
		requireNotNegative(prefix + "shutdown-timeout", worker.getShutdownTimeout());
	}

	private WorkerRegistration resolve(String name, WorkerMethod method, ResilienceProperties.Worker overrides) {
		SupervisedWorker annotation = method.annotation();
		String at = "@SupervisedWorker(%s) on " + method.location();
		ResilienceProperties.Worker worker = (overrides != null) ? overrides : new ResilienceProperties.Worker();
		Duration interval = (worker.getInterval() != null) ? worker.getInterval()
				: requirePositive(at.formatted("interval"), parse(at.formatted("interval"), annotation.interval()));
		Duration initialDelay = (worker.getInitialDelay() != null) ? worker.getInitialDelay()
				: parse(at.formatted("initialDelay"), annotation.initialDelay());
		if (initialDelay == null) {
			initialDelay = interval;
		}
		requireNotNegative(at.formatted("initialDelay"), initialDelay);
		Duration period = (worker.getPeriod() != null) ? worker.getPeriod()
				: requirePositive(at.formatted("period"), parse(at.formatted("period"), annotation.period()));
		int maxRestarts = (worker.getMaxRestarts() != null) ? worker.getMaxRestarts() : annotation.maxRestarts();
		if (maxRestarts < -1) {
			throw new InvalidResiliencePropertyException(at.formatted("maxRestarts"), maxRestarts,
					"-1 (derived from the interval) or a whole number of 0 or more");
		}
		Duration timeout = (worker.getTimeout() != null) ? worker.getTimeout()
				: parse(at.formatted("timeout"), annotation.timeout());
		if (timeout != null) {
			requirePositive(at.formatted("timeout"), timeout);
		}
		String group = this.placeholders.apply(annotation.group());
		WorkerSpec spec = new WorkerSpec(name, interval, initialDelay, timeout, worker.getShutdownTimeout(),
				annotation.restart());
		boolean clusterSingleton = (worker.getClusterSingleton() != null) ? worker.getClusterSingleton()
				: annotation.clusterSingleton();
		return new WorkerRegistration(spec, period, maxRestarts, StringUtils.hasText(group) ? group : null,
				method::newJob, method.location(), clusterSingleton);
	}

	private Duration parse(String attribute, String text) {
		String resolved = this.placeholders.apply(text);
		if (!StringUtils.hasText(resolved)) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(resolved.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidResiliencePropertyException(attribute, resolved, DURATION);
		}
	}

	private Duration requirePositive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidResiliencePropertyException(property, text(property, value), POSITIVE_DURATION);
		}
		return value;
	}

	private void requireNotNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidResiliencePropertyException(property, text(property, value), NON_NEGATIVE_DURATION);
		}
	}

	private String text(String property, Duration value) {
		String raw = property.startsWith("resilience.") ? this.rawValues.apply(property) : null;
		if (raw != null) {
			return raw;
		}
		return (value != null) ? DurationStyle.SIMPLE.print(value) : "(none)";
	}

}
