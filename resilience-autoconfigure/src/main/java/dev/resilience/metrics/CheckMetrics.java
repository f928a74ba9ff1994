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

	private final Map<String, Meters> checks = new ConcurrentHashMap<>();

	private final Map<String, Counter> triggers = new ConcurrentHashMap<>();

	/**
	 * @param registry where meters are registered
	 */
	public CheckMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void checked(String check, boolean passed, Duration duration) {
		meters(check).timer(passed).record(duration);
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
		meters(check).state.set((to == CheckState.CONNECTED) ? 1 : 0);
	}

	/** One lookup per call, with no key to build: a check runs every interval, for ever. */
	private Meters meters(String check) {
		Meters meters = this.checks.get(check);
		return (meters != null) ? meters : this.checks.computeIfAbsent(check, (name) -> new Meters(name, this.registry));
	}

	/** The meters of one check: its state gauge, registered at once, and a timer per outcome, at first use. */
	private static final class Meters {

		private final String check;

		private final MeterRegistry registry;

		private final AtomicInteger state = new AtomicInteger();

		private volatile Timer passed;

		private volatile Timer failed;

		Meters(String check, MeterRegistry registry) {
			this.check = check;
			this.registry = registry;
			Gauge.builder(STATE, this.state, AtomicInteger::get)
				.description("State of a dependency check: 1 connected, 0 degraded")
				.tag("check", check)
				.register(registry);
		}

		Timer timer(boolean passed) {
			Timer timer = passed ? this.passed : this.failed;
			if (timer == null) {
				// registering twice in a race is harmless: the registry returns the one timer
				timer = Timer.builder(DURATION)
					.description("Duration of dependency checks")
					.tag("check", this.check)
					.tag("outcome", passed ? "passed" : "failed")
					.register(this.registry);
				if (passed) {
					this.passed = timer;
				}
				else {
					this.failed = timer;
				}
			}
			return timer;
		}

	}

}
