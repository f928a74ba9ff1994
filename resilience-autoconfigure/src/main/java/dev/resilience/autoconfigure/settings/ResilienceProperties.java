package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.Map;

import dev.resilience.alarm.AlarmsBuilder;
import dev.resilience.supervisor.Intensity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the resilience starter.
 *
 * @param enabled Whether the resilience starter is enabled. When false, nothing of it runs: no
 * worker, alarm, check, health contributor, endpoint or meter, and unknown keys are not checked.
 * @param checks Per-check settings, keyed by check name: a DependencyCheck bean's name, or
 * "datasource" for the built-in one.
 * @param workers Per-worker overrides of the @SupervisedWorker attributes, keyed by worker name.
 * @param cluster How cluster-singleton workers share the fleet: leases or ShedLock locks.
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "resilience", ignoreUnknownFields = false)
public record ResilienceProperties(@DefaultValue("true") boolean enabled, @DefaultValue Supervisor supervisor,
		@DefaultValue Scheduler scheduler, @DefaultValue Scheduled scheduled, @DefaultValue Alarms alarms,
		@DefaultValue Ui ui, @DefaultValue Logging logging, @DefaultValue Map<String, CheckProperties> checks,
		@DefaultValue Map<String, WorkerProperties> workers, @DefaultValue Cluster cluster) {

	/** @return a properties type as bound from no keys at all: every default */
	static <T> T defaults(Class<T> type) {
		return new Binder().bindOrCreate("resilience", type);
	}

	/**
	 * The root supervisor above every worker's sub-supervisor.
	 *
	 * @param maxRestarts Restarts of sub-supervisors the root allows within the period before it
	 * gives up.
	 * @param period Period of the root supervisor's restart intensity.
	 * @param onExhausted What happens when the root supervisor gives up.
	 */
	public record Supervisor(@DefaultValue("" + Intensity.DEFAULT_MAX_RESTARTS) int maxRestarts, Duration period,
			@DefaultValue("liveness") OnExhausted onExhausted) {

		public Supervisor {
			period = (period != null) ? period : Intensity.DEFAULT.period();
		}

	}

	/**
	 * The threads that run workers, unless a bean named resilienceRunThreads is defined.
	 *
	 * @param poolSize Idle threads kept for workers' next runs, when not on virtual threads. Never a
	 * limit: a run that finds no idle thread gets a new one (a worker has at most one run in
	 * flight), and threads beyond this many end after a minute idle.
	 * @param threads The old name of pool-size, which it sets when given; deprecated since 0.1.0 for
	 * removal one minor version later.
	 */
	public record Scheduler(@DefaultValue("4") int poolSize,
			@Deprecated(since = "0.1.0", forRemoval = true) Integer threads) {

		public Scheduler {
			poolSize = (threads != null) ? threads : poolSize;
			threads = poolSize;
		}

	}

	/**
	 * How the starter treats Spring's {@code @Scheduled} methods.
	 *
	 * @param supervise Whether every @Scheduled method of a singleton bean runs as a supervised
	 * worker named beanName.methodName instead of on Spring's scheduler. Needs @EnableScheduling.
	 */
	public record Scheduled(boolean supervise) {
	}

	/**
	 * The alarm list, its handlers and the webhook.
	 *
	 * @param historySize How many recent alarm transitions the history keeps.
	 * @param handlerTimeout How long one alarm handler call may take before it is interrupted.
	 * @param handlerQueueCapacity How many transitions may wait for one handler before later ones
	 * are dropped for it.
	 * @param rules Managed alarms: debounce and hold, keyed by alarm id or by a pattern in which *
	 * stands for any characters. Write a key with * or a space in brackets: "[*_crashing]". An
	 * exact id beats every pattern; among patterns, the one with the most characters other than *
	 * wins.
	 * @param webhook A Slack-compatible incoming webhook that hears every alarm set and clear.
	 */
	public record Alarms(@DefaultValue("" + AlarmsBuilder.DEFAULT_HISTORY_SIZE) int historySize,
			Duration handlerTimeout,
			@DefaultValue("" + AlarmsBuilder.DEFAULT_HANDLER_QUEUE_CAPACITY) int handlerQueueCapacity,
			@DefaultValue Map<String, AlarmRule> rules, @DefaultValue Webhook webhook) {

		public Alarms {
			handlerTimeout = (handlerTimeout != null) ? handlerTimeout : AlarmsBuilder.DEFAULT_HANDLER_TIMEOUT;
		}

	}

	/**
	 * The debounce and hold of the alarms one {@code resilience.alarms.rules} key matches.
	 *
	 * @param debounce How long an alarm must stay set before its set is visible to health,
	 * handlers, remedies, the alarms endpoint and meters. Zero: at once.
	 * @param hold How long an alarm must stay clear before its clear is visible. Zero: at once.
	 */
	public record AlarmRule(@DefaultValue("0s") Duration debounce, @DefaultValue("0s") Duration hold) {
	}

	/**
	 * A Slack-compatible incoming webhook that hears every alarm set and clear.
	 *
	 * @param url Slack-compatible incoming webhook URL; a secret, never logged. Unset: no webhook.
	 * @param timeout How long one webhook request may take.
	 * @param maxRetries Retries after a failed webhook request (an I/O error or a 5xx answer).
	 * @param backoff Wait before the first retry; doubled before each next one.
	 */
	public record Webhook(String url, @DefaultValue("5s") Duration timeout, @DefaultValue("3") int maxRetries,
			@DefaultValue("500ms") Duration backoff) {
	}

	/**
	 * The status page: the live supervision tree, alarms and checks in a browser, read from the
	 * Actuator endpoints.
	 *
	 * @param enabled Whether the status page is served. It reads only the Actuator endpoints the
	 * application exposes, so it is only as open as they are.
	 * @param path Path of the status page, on the server that serves Actuator (the management port
	 * when management.server.port is set).
	 */
	public record Ui(@DefaultValue("true") boolean enabled, @DefaultValue("/resilience") String path) {
	}

	/**
	 * What the starter writes to the log about workers' crashes.
	 *
	 * @param crashSummaryInterval Least time between two log lines about a worker's repeated
	 * crashes (same exception type, same message but for its numbers): the first crash logs its
	 * stack trace, the repeats are counted and written as one summary line at most this often.
	 */
	public record Logging(@DefaultValue("1m") Duration crashSummaryInterval) {
	}

	/**
	 * How cluster-singleton workers run on one instance of the fleet at a time.
	 *
	 * @param leases Where cluster singletons keep their lease: jdbc, a sticky, renewed and fenced
	 * lease in a table of the application's DataSource (the default when there is a DataSource and
	 * no ShedLock LockProvider bean); or shedlock, a ShedLock lock taken for every run (no token).
	 * @param instanceId This instance's id in the lease table, unique in the fleet. Defaults to the
	 * host name, the process id and a random suffix, so two contexts in one JVM are two instances.
	 * @param leaseTime How long a lease is held unless renewed; the holder renews it every third of
	 * it, so a holder that dies or stalls is replaced after at most this long plus one interval.
	 * @param jdbc The lease table (resilience.cluster.leases=jdbc).
	 * @param releaseWhenRefusingTraffic Whether this instance releases its leases while its
	 * readiness is REFUSING_TRAFFIC (an AvailabilityChangeEvent of ReadinessState), and takes none
	 * until it accepts traffic again, so that an instance taken out of rotation hands its cluster
	 * singletons over.
	 */
	public record Cluster(Leases leases, String instanceId, @DefaultValue("10s") Duration leaseTime,
			@DefaultValue Jdbc jdbc, @DefaultValue("true") boolean releaseWhenRefusingTraffic) {
	}

	/** Where cluster singletons keep their lease. */
	public enum Leases {

		/** A lease in a table of the application's DataSource: sticky, renewed, with a fencing token. */
		JDBC,

		/** A ShedLock lock taken for every run, as before leases: no token, not sticky. */
		SHEDLOCK

	}

	/**
	 * When the starter creates the lease table, as Spring Boot's {@code DatabaseInitializationMode}
	 * (kept apart so that binding needs no JDBC on the class path).
	 */
	public enum InitializeSchema {

		/** Only on an embedded database. */
		EMBEDDED,

		/** On any database. */
		ALWAYS,

		/** Never: the application creates it. */
		NEVER

	}

	/**
	 * The lease table.
	 *
	 * @param initializeSchema Whether the starter creates the lease table at start-up: embedded
	 * (only on an embedded database such as H2), always, or never (create it yourself: a missing
	 * table then fails start-up with its DDL), as Spring Batch's initialize-schema.
	 * @param table Name of the lease table, optionally schema-qualified.
	 */
	public record Jdbc(@DefaultValue("embedded") InitializeSchema initializeSchema,
			@DefaultValue("resilience_lease") String table) {
	}

}
