package dev.resilience.autoconfigure.settings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.resilience.alarm.AlarmRule;
import dev.resilience.alarm.AlarmRules;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.AlarmsBuilder;
import dev.resilience.alarm.Remedy;
import dev.resilience.check.CheckSettings;
import dev.resilience.supervisor.Intensity;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The one reader of {@link ResilienceProperties} and the starter's annotations: turns them into
 * validated settings for the Spring-free runtime. What does not depend on beans found later is
 * validated when the resolver is created, so a bad value fails start-up before any bean uses it.
 *
 * @since 0.1.0
 */
public final class ResilienceSettingsResolver {

	/** The name of the built-in DataSource check. */
	public static final String DATASOURCE_CHECK = "datasource";

	private static final CheckProperties DEFAULT_CHECK = ResilienceProperties.defaults(CheckProperties.class);

	private final ResilienceProperties properties;

	private final UnaryOperator<String> placeholders;

	private final WorkerResolution workers;

	private final PropertyFailures failures;

	/**
	 * Resolves and validates, naming a bad property as written in the environment, with its origin.
	 * @param properties the bound properties
	 * @param placeholders resolves {@code ${...}} placeholders in annotation attributes
	 * @param environment where the properties were set
	 */
	public ResilienceSettingsResolver(ResilienceProperties properties, UnaryOperator<String> placeholders,
			Environment environment) {
		this.properties = properties;
		this.placeholders = placeholders;
		this.failures = new PropertyFailures(environment);
		this.failures.refuseRulePatternsWithoutBrackets();
		this.workers = new WorkerResolution(properties, placeholders, Clock.systemDefaultZone(), this.failures);
		this.failures.translate(() -> {
			rootIntensity();
			schedulerPoolSize();
			alarms();
			webhook();
			crashSummaryInterval();
			this.properties.checks().forEach(this::check);
			this.workers.validateOverrides();
			return null;
		});
	}

	/** @return the root supervisor's intensity */
	public Intensity rootIntensity() {
		ResilienceProperties.Supervisor root = this.properties.supervisor();
		atLeast("resilience.supervisor.max-restarts", root.maxRestarts(), 0);
		Durations.positive("resilience.supervisor.period", root.period());
		return new Intensity(root.maxRestarts(), root.period());
	}

	/** @return what happens when the root supervisor gives up */
	public OnExhausted onExhausted() {
		return this.properties.supervisor().onExhausted();
	}

	/** @return the least time between two log lines about a worker's repeated crashes */
	public Duration crashSummaryInterval() {
		return Durations.positive("resilience.logging.crash-summary-interval",
				this.properties.logging().crashSummaryInterval());
	}

	/** @return the threads of the scheduler that runs workers on platform threads */
	public int schedulerPoolSize() {
		return atLeast("resilience.scheduler.pool-size", this.properties.scheduler().poolSize(), 1);
	}

	/** @return an alarm list builder with the configured history, queue, handler timeout and rules */
	public AlarmsBuilder alarms() {
		ResilienceProperties.Alarms alarms = this.properties.alarms();
		return Alarms.builder()
			.historySize(atLeast("resilience.alarms.history-size", alarms.historySize(), 0))
			.handlerQueueCapacity(
					atLeast("resilience.alarms.handler-queue-capacity", alarms.handlerQueueCapacity(), 1))
			.handlerTimeout(Durations.positive("resilience.alarms.handler-timeout", alarms.handlerTimeout()))
			.rules(alarmRules(alarms.rules()));
	}

	private static AlarmRules alarmRules(Map<String, ResilienceProperties.AlarmRule> properties) {
		Map<String, AlarmRule> rules = new LinkedHashMap<>();
		properties.forEach((key, rule) -> {
			String property = "resilience.alarms.rules[" + key + "]";
			InvalidResiliencePropertyException.require(AlarmRules.isWellFormed(key), property, key,
					AlarmRules.WELL_FORMED);
			rules.put(key, new AlarmRule(Durations.notNegative(property + ".debounce", rule.debounce()),
					Durations.notNegative(property + ".hold", rule.hold())));
		});
		return AlarmRules.of(rules);
	}

	/** @return the webhook, empty when {@code resilience.alarms.webhook.url} is not set */
	public Optional<WebhookSettings> webhook() {
		ResilienceProperties.Webhook webhook = this.properties.alarms().webhook();
		if (webhook.url() == null) {
			return Optional.empty();
		}
		URI url;
		try {
			url = URI.create(webhook.url().trim());
		}
		catch (IllegalArgumentException ex) {
			url = null;
		}
		// the URL is a secret: name the property, never the value
		InvalidResiliencePropertyException.require(url != null && url.isAbsolute() && ("http".equals(url.getScheme())
				|| "https".equals(url.getScheme())) && StringUtils.hasLength(url.getHost()),
				"resilience.alarms.webhook.url", "(hidden)",
				"an absolute http or https URL with a host name (https://host/path)");
		return Optional.of(new WebhookSettings(url,
				Durations.positive("resilience.alarms.webhook.timeout", webhook.timeout()),
				atLeast("resilience.alarms.webhook.max-retries", webhook.maxRetries(), 0),
				Durations.positive("resilience.alarms.webhook.backoff", webhook.backoff())));
	}

	/**
	 * @param checkBeans the names of the {@code DependencyCheck} beans
	 * @return the settings of each enabled check, in the order given
	 */
	public List<CheckSettings> checks(Collection<String> checkBeans) {
		this.properties.checks().forEach((name, check) -> {
			boolean builtInSwitchedOff = DATASOURCE_CHECK.equals(name) && !check.enabled();
			if (!checkBeans.contains(name) && !builtInSwitchedOff) {
				throw this.failures.unknownName("resilience.checks", name, "DependencyCheck bean", checkBeans);
			}
		});
		return checkBeans.stream()
			.filter((name) -> this.properties.checks().getOrDefault(name, DEFAULT_CHECK).enabled())
			.map(this::check)
			.toList();
	}

	/** @return the settings of a check, the defaults when {@code resilience.checks.<name>} is not set */
	public CheckSettings check(String name) {
		return this.failures.translate(() -> check(name, this.properties.checks().getOrDefault(name, DEFAULT_CHECK)));
	}

	/**
	 * @param declarations the {@code @SupervisedWorker} methods found
	 * @param checks the names of the enabled dependency checks, which {@code depends-on} may name
	 * @return the enabled workers with their effective settings, in the order given
	 */
	public List<ResolvedWorker> workers(List<WorkerDeclaration> declarations, Collection<String> checks) {
		return this.failures.translate(() -> this.workers.resolve(declarations, checks));
	}

	/**
	 * @param remedy a {@code @Remedy} annotation
	 * @param location where it is, for messages
	 * @return its attributes, resolved
	 */
	public RemedySettings remedy(Remedy remedy, String location) {
		String alarm = this.placeholders.apply(remedy.alarm());
		InvalidResiliencePropertyException.require(StringUtils.hasText(alarm), "@Remedy(alarm) on " + location, alarm,
				"an alarm id");
		String callback = "@Remedy(callbackTimeout) on " + location;
		String retry = "@Remedy(retryTimeout) on " + location;
		Duration callbackTimeout = Durations.parse(callback, this.placeholders.apply(remedy.callbackTimeout()));
		Duration retryTimeout = Durations.parse(retry, this.placeholders.apply(remedy.retryTimeout()));
		return new RemedySettings(alarm.trim(), Durations.positive(callback, callbackTimeout),
				Durations.positiveOrNone(retry, retryTimeout));
	}

	private CheckSettings check(String name, CheckProperties check) {
		String prefix = PropertyKeys.mapKey("resilience.checks", name) + ".";
		Duration interval = Durations.positive(prefix + "interval", check.interval());
		Duration timeout = Durations.positive(prefix + "timeout",
				CheckSettings.timeoutOrDefault(interval, check.timeout()));
		atLeast(prefix + "passing-checks", check.passingChecks(), 1);
		String alarm = (check.alarm() != null) ? check.alarm().trim() : CheckSettings.defaultAlarm(name);
		InvalidResiliencePropertyException.require(StringUtils.hasText(alarm), prefix + "alarm", check.alarm(),
				"an alarm id");
		atLeast(prefix + "passive.failures", check.passive().failures(), 0);
		return new CheckSettings(name, interval, timeout, check.passingChecks(), alarm, check.severity(),
				check.passive().failures());
	}

	static int atLeast(String property, int value, int minimum) {
		InvalidResiliencePropertyException.require(value >= minimum, property, value,
				"a whole number of " + minimum + " or more");
		return value;
	}

}
