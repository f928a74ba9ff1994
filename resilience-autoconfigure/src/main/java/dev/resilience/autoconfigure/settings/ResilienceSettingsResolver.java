package dev.resilience.autoconfigure.settings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * The one place that reads {@link ResilienceProperties} and the starter's annotations, and turns
 * them into immutable, validated settings for the Spring-free runtime. A bad value throws an
 * {@link InvalidResiliencePropertyException} naming the property (or annotation attribute), the
 * value and what is allowed, which {@link ResilienceFailureAnalyzer} reports at start-up.
 *
 * <p>Everything that does not depend on the beans found later (root supervisor, scheduler,
 * alarms, webhook, the values under {@code resilience.workers.*} and {@code resilience.checks.*})
 * is validated when the resolver is created, so a bad value fails the context before any bean
 * uses it.
 *
 * @since 0.1.0
 */
public final class ResilienceSettingsResolver {

	/** The name of the built-in DataSource check. */
	public static final String DATASOURCE_CHECK = "datasource";

	private static final String WHOLE_NUMBER = "a whole number of %d or more";

	private final ResilienceProperties properties;

	private final UnaryOperator<String> placeholders;

	private final WorkerResolution workers;

	private final PropertyFailures failures;

	/**
	 * @param properties the bound properties
	 * @param placeholders resolves {@code ${...}} placeholders in annotation attributes
	 * @throws InvalidResiliencePropertyException if a value is not allowed
	 */
	public ResilienceSettingsResolver(ResilienceProperties properties, UnaryOperator<String> placeholders) {
		this(properties, placeholders, new StandardEnvironment());
	}

	/**
	 * @param properties the bound properties
	 * @param placeholders resolves {@code ${...}} placeholders in annotation attributes
	 * @param environment where the properties were set, to name a bad one as written, with its
	 * origin
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if a property's value is not allowed
	 * @throws InvalidResiliencePropertyException if an annotation attribute is not allowed
	 */
	public ResilienceSettingsResolver(ResilienceProperties properties, UnaryOperator<String> placeholders,
			Environment environment) {
		this.properties = properties;
		this.placeholders = placeholders;
		this.failures = new PropertyFailures(environment);
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
		SupervisorProperties root = this.properties.supervisor();
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

	/**
	 * @return an alarm list builder with the configured history, queue, handler timeout and
	 * rules
	 */
	public AlarmsBuilder alarms() {
		AlarmsProperties alarms = this.properties.alarms();
		return Alarms.builder()
			.historySize(atLeast("resilience.alarms.history-size", alarms.historySize(), 0))
			.handlerQueueCapacity(
					atLeast("resilience.alarms.handler-queue-capacity", alarms.handlerQueueCapacity(), 1))
			.handlerTimeout(Durations.positive("resilience.alarms.handler-timeout", alarms.handlerTimeout()))
			.rules(alarmRules(alarms.rules()));
	}

	private static AlarmRules alarmRules(Map<String, AlarmRuleProperties> properties) {
		Map<String, AlarmRule> rules = new LinkedHashMap<>();
		properties.forEach((key, rule) -> {
			String property = "resilience.alarms.rules[" + key + "]";
			if (!AlarmRules.isWellFormed(key)) {
				throw new InvalidResiliencePropertyException(property, key, AlarmRules.WELL_FORMED);
			}
			rules.put(key, new AlarmRule(Durations.notNegative(property + ".debounce", rule.debounce()),
					Durations.notNegative(property + ".hold", rule.hold())));
		});
		return AlarmRules.of(rules);
	}

	/** @return the webhook, empty when {@code resilience.alarms.webhook.url} is not set */
	public Optional<WebhookSettings> webhook() {
		WebhookProperties webhook = this.properties.alarms().webhook();
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
		if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
				|| url.getHost() == null || url.getHost().isEmpty()) {
			// the URL is a secret: name the property, never the value
			throw new InvalidResiliencePropertyException("resilience.alarms.webhook.url", "(hidden)",
					"an absolute http or https URL with a host name (https://host/path)");
		}
		return Optional.of(new WebhookSettings(url,
				Durations.positive("resilience.alarms.webhook.timeout", webhook.timeout()),
				atLeast("resilience.alarms.webhook.max-retries", webhook.maxRetries(), 0),
				Durations.positive("resilience.alarms.webhook.backoff", webhook.backoff())));
	}

	/**
	 * @param checkBeans the names of the {@code DependencyCheck} beans
	 * @return the settings of each enabled check, in the order given
	 * @throws InvalidResiliencePropertyException if a name under {@code resilience.checks} names
	 * no check
	 */
	public List<CheckSettings> checks(Collection<String> checkBeans) {
		this.properties.checks().forEach((name, check) -> {
			boolean builtInSwitchedOff = DATASOURCE_CHECK.equals(name) && !check.enabled();
			if (!checkBeans.contains(name) && !builtInSwitchedOff) {
				throw this.failures.unknownName("resilience.checks", name, "DependencyCheck bean", checkBeans);
			}
		});
		return this.failures.translate(() -> checkSettings(checkBeans));
	}

	private List<CheckSettings> checkSettings(Collection<String> checkBeans) {
		List<CheckSettings> checks = new ArrayList<>();
		for (String name : checkBeans) {
			CheckProperties check = this.properties.checks().getOrDefault(name, ResilienceProperties.defaults(CheckProperties.class));
			if (check.enabled()) {
				checks.add(check(name, check));
			}
		}
		return checks;
	}

	/**
	 * @param name a check's name
	 * @return its settings, the defaults when {@code resilience.checks.<name>} is not set
	 */
	public CheckSettings check(String name) {
		return this.failures
			.translate(() -> check(name, this.properties.checks().getOrDefault(name, ResilienceProperties.defaults(CheckProperties.class))));
	}

	/**
	 * @param declarations the {@code @SupervisedWorker} methods found
	 * @param checks the names of the enabled dependency checks, which {@code depends-on} may name
	 * @return the enabled workers with their effective settings, in the order given
	 * @throws InvalidResiliencePropertyException if a value is not allowed, two workers share a
	 * name, a name under {@code resilience.workers} names no worker, or a worker depends on a
	 * check that does not exist
	 */
	public List<ResolvedWorker> workers(List<WorkerDeclaration> declarations, Collection<String> checks) {
		return this.failures.translate(() -> this.workers.resolve(declarations, checks));
	}

	/**
	 * @param remedy a {@code @Remedy} annotation
	 * @param location where it is, for messages
	 * @return its attributes, resolved
	 * @throws InvalidResiliencePropertyException if an attribute is not allowed
	 */
	public RemedySettings remedy(Remedy remedy, String location) {
		String alarm = this.placeholders.apply(remedy.alarm());
		if (!StringUtils.hasText(alarm)) {
			throw new InvalidResiliencePropertyException("@Remedy(alarm) on " + location, alarm, "an alarm id");
		}
		String callbackAttribute = "@Remedy(callbackTimeout) on " + location;
		Duration callbackTimeout = Durations.positive(callbackAttribute,
				Durations.parse(callbackAttribute, this.placeholders.apply(remedy.callbackTimeout())));
		String retryAttribute = "@Remedy(retryTimeout) on " + location;
		Duration retryTimeout = Durations.parse(retryAttribute, this.placeholders.apply(remedy.retryTimeout()));
		if (retryTimeout != null) {
			Durations.positive(retryAttribute, retryTimeout);
		}
		return new RemedySettings(alarm.trim(), callbackTimeout, retryTimeout);
	}

	private CheckSettings check(String name, CheckProperties check) {
		String prefix = PropertyKeys.mapKey("resilience.checks", name) + ".";
		Duration interval = Durations.positive(prefix + "interval", check.interval());
		Duration timeout = Durations.positive(prefix + "timeout",
				CheckSettings.timeoutOrDefault(interval, check.timeout()));
		atLeast(prefix + "passing-checks", check.passingChecks(), 1);
		String alarm = (check.alarm() != null) ? check.alarm().trim() : CheckSettings.defaultAlarm(name);
		if (!StringUtils.hasText(alarm)) {
			throw new InvalidResiliencePropertyException(prefix + "alarm", check.alarm(), "an alarm id");
		}
		return new CheckSettings(name, interval, timeout, check.passingChecks(), alarm, check.severity());
	}

	static int atLeast(String property, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidResiliencePropertyException(property, value, WHOLE_NUMBER.formatted(minimum));
		}
		return value;
	}

}
