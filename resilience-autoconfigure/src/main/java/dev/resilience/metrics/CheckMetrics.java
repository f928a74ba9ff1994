package dev.resilience.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of dependency checks: {@code resilience.check.state} (tag {@code check}; 1 connected,
 * 0 degraded), {@code resilience.check.duration} (tags {@code check}, {@code outcome} = passed
 * | failed), registered at a check's first run, and {@code resilience.check.passive.triggers} (tag
 * {@code check}: runs that reported failures triggered), registered at the first such run. This
 * class is thread-safe.
 *
 * @since 0.1.0
 */
public class CheckMetrics implements CheckListener {

	/** The state of a check: 1 connected, 0 degraded. */
	public static final String STATE = "resilience.check.state";

	/** How long checks take. */
	public static final String DURATION = "resilience.check.duration";

	/** Runs of a check that failures reported in a row triggered. */
	public static final String PASSIVE_TRIGGERS = "resilience.check.passive.triggers";

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Map<String, Counter> triggers = new ConcurrentHashMap<>();

	/**
	 * @param registry where meters are registered
	 */
	public CheckMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void checked(String check, boolean passed, Duration duration) {
		state(check);
		String outcome = passed ? "passed" : "failed";
		this.timers.computeIfAbsent(check + '|' + outcome, (key) -> Timer.builder(DURATION)
			.description("Duration of dependency checks")
			.tag("check", check)
			.tag("outcome", outcome)
			.register(this.registry)).record(duration);
	}

	@Override
	public void triggered(String check, int failures) {
		this.triggers.computeIfAbsent(check, (name) -> Counter.builder(PASSIVE_TRIGGERS)
			.description("Runs of a dependency check that failures reported in a row triggered")
			.tag("check", name)
			.register(this.registry)).increment();
	}

	@Override
	public void stateChanged(String check, CheckState from, CheckState to, String reason) {
		state(check).set((to == CheckState.CONNECTED) ? 1 : 0);
	}

	private AtomicInteger state(String check) {
		return this.states.computeIfAbsent(check, (name) -> {
			AtomicInteger state = new AtomicInteger();
			Gauge.builder(STATE, state, AtomicInteger::get)
				.description("State of a dependency check: 1 connected, 0 degraded")
				.tag("check", name)
				.register(this.registry);
			return state;
		});
	}

}
