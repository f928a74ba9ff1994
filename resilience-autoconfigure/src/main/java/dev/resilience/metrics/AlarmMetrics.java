package dev.resilience.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.resilience.alarm.AlarmObserver;
import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.RemedyOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of alarms: {@code resilience.alarm.transitions} (tags {@code alarm}, {@code action} =
 * set | cleared), {@code resilience.remedy.runs} (tags {@code alarm}, {@code outcome} =
 * completed | failed | timeout) and {@code resilience.alarm.handler.failures} (tag
 * {@code handler}). This class is thread-safe.
 *
 * @since 0.1.0
 */
public class AlarmMetrics implements AlarmObserver {

	/** Alarm transitions, by alarm and action. */
	public static final String TRANSITIONS = "resilience.alarm.transitions";

	/** Remedy runs, by alarm and outcome. */
	public static final String REMEDY_RUNS = "resilience.remedy.runs";

	/** Failed, timed-out or dropped handler deliveries, by handler. */
	public static final String HANDLER_FAILURES = "resilience.alarm.handler.failures";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * @param registry where meters are registered
	 */
	public AlarmMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void transition(AlarmTransition transition) {
		String action = transition.action().name().toLowerCase(Locale.ROOT);
		counter(TRANSITIONS, "Alarm transitions", "alarm", transition.alarm().id(), "action", action).increment();
	}

	@Override
	public void handlerFailed(String handler, Throwable failure) {
		String key = HANDLER_FAILURES + '|' + handler;
		this.counters.computeIfAbsent(key, (k) -> Counter.builder(HANDLER_FAILURES)
			.description("Alarm handler calls that failed, timed out or were dropped")
			.tag("handler", handler)
			.register(this.registry)).increment();
	}

	@Override
	public void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
		counter(REMEDY_RUNS, "Runs of alarm remedies", "alarm", alarm, "outcome", outcome.tagValue()).increment();
	}

	private Counter counter(String name, String description, String key1, String value1, String key2, String value2) {
		return this.counters.computeIfAbsent(name + '|' + value1 + '|' + value2, (key) -> Counter.builder(name)
			.description(description)
			.tag(key1, value1)
			.tag(key2, value2)
			.register(this.registry));
	}

}
