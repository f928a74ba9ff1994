package dev.resilience.autoconfigure.check;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.autoconfigure.worker.SupervisedWorkerSource;
import dev.resilience.autoconfigure.worker.WorkerRegistration;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckRunner;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.CheckState;
import dev.resilience.check.CheckStatus;
import dev.resilience.check.DependencyCheck;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Restart;
import dev.resilience.worker.WorkerSpec;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.StringUtils;

/**
 * The application's dependency checks: every {@link DependencyCheck} bean, named by its bean
 * name and configured under {@code resilience.checks.<name>}, run as a supervised worker named
 * {@code <name>-check} whose first check comes at once. Knows each check's status, for health.
 */
public class DependencyChecks implements SupervisedWorkerSource, DisposableBean {

	/** The name of the built-in DataSource check. */
	public static final String DATASOURCE = "datasource";

	private static final String POSITIVE_DURATION = "a positive duration such as 500ms, 1s or 2m";

	private final ResilienceProperties properties;

	private final Alarms alarms;

	private final ListableBeanFactory beans;

	private final CheckListener listener;

	private final Watchdog watchdog = Watchdog.start("resilience-check-watchdog");

	private final Map<String, CheckRunner> runners = new LinkedHashMap<>();

	/**
	 * @param properties the starter's properties
	 * @param alarms where check alarms go
	 * @param beans where the {@link DependencyCheck} beans are
	 * @param listeners hear checks run and change state
	 */
	public DependencyChecks(ResilienceProperties properties, Alarms alarms, ListableBeanFactory beans,
			List<CheckListener> listeners) {
		this.properties = properties;
		this.alarms = alarms;
		this.beans = beans;
		this.listener = CheckListener.composite(listeners);
	}

	@Override
	public synchronized List<WorkerRegistration> workers() {
		Map<String, DependencyCheck> checks = this.beans.getBeansOfType(DependencyCheck.class);
		this.properties.getChecks().forEach((name, check) -> {
			boolean builtInSwitchedOff = DATASOURCE.equals(name) && !check.isEnabled();
			if (!checks.containsKey(name) && !builtInSwitchedOff) {
				throw new InvalidResiliencePropertyException("resilience.checks." + name, name,
						"the name of a DependencyCheck bean: one of " + checks.keySet());
			}
		});
		this.runners.clear();
		List<WorkerRegistration> workers = new ArrayList<>();
		checks.forEach((name, check) -> {
			ResilienceProperties.Check config = this.properties.getChecks().getOrDefault(name,
					new ResilienceProperties.Check());
			if (!config.isEnabled()) {
				return;
			}
			CheckSettings settings = settings(name, config);
			CheckRunner runner = new CheckRunner(settings, check, this.alarms, this.watchdog, this.listener,
					Clock.systemUTC());
			this.runners.put(name, runner);
			WorkerSpec spec = new WorkerSpec(name + "-check", settings.interval(), Duration.ZERO, null,
					settings.timeout(), Restart.PERMANENT);
			workers.add(WorkerRegistration.of(spec, () -> runner, "DependencyCheck bean '" + name + "'"));
		});
		return workers;
	}

	/** @return the status of every running check, in start order */
	public synchronized List<CheckStatus> statuses() {
		return this.runners.values().stream().map(CheckRunner::status).toList();
	}

	/** @return the names of the running checks, in start order */
	public synchronized List<String> names() {
		return List.copyOf(this.runners.keySet());
	}

	/**
	 * @param name a check's name
	 * @return its state, empty if there is no such running check; cheaper than {@link #status}
	 */
	public synchronized Optional<CheckState> state(String name) {
		return Optional.ofNullable(this.runners.get(name)).map(CheckRunner::state);
	}

	/**
	 * @param name a check's name
	 * @return its status, empty if there is no such running check
	 */
	public synchronized Optional<CheckStatus> status(String name) {
		return Optional.ofNullable(this.runners.get(name)).map(CheckRunner::status);
	}

	/** Stops the watchdog that times the checks. */
	@Override
	public void destroy() {
		this.watchdog.close();
	}

	private static CheckSettings settings(String name, ResilienceProperties.Check config) {
		String prefix = "resilience.checks." + name + ".";
		requirePositive(prefix + "interval", config.getInterval());
		Duration timeout = (config.getTimeout() != null) ? config.getTimeout() : config.getInterval();
		requirePositive(prefix + "timeout", timeout);
		if (config.getPassingChecks() < 1) {
			throw new InvalidResiliencePropertyException(prefix + "passing-checks", config.getPassingChecks(),
					"a whole number of 1 or more");
		}
		String alarm = (config.getAlarm() != null) ? config.getAlarm().trim() : name + "_disconnected";
		if (!StringUtils.hasText(alarm)) {
			throw new InvalidResiliencePropertyException(prefix + "alarm", config.getAlarm(), "an alarm id");
		}
		return new CheckSettings(name, config.getInterval(), timeout, config.getPassingChecks(), alarm,
				config.getSeverity());
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidResiliencePropertyException(property, value, POSITIVE_DURATION);
		}
	}

}
