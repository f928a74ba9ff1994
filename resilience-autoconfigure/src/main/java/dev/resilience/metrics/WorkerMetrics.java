package dev.resilience.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of workers and supervisors: {@code resilience.worker.runs} (tags {@code worker},
 * {@code outcome}), {@code resilience.worker.run.duration} (tag {@code worker}),
 * {@code resilience.worker.restarts} (tag {@code worker}) and
 * {@code resilience.supervisor.escalations} (tag {@code supervisor}) and
 * {@code resilience.worker.lock} (tags {@code worker}, {@code result} = acquired | skipped |
 * unavailable) for cluster singletons, and the gauge {@code resilience.worker.parked} (tag
 * {@code worker}; 1 while parked, 0 otherwise) for workers that depend on checks, registered when
 * the tree is built (such a worker starts parked). Meters are registered on first use and cached.
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class WorkerMetrics implements WorkerListener, SupervisionListener, SingletonListener {

	/** Runs of a worker, by outcome. */
	public static final String RUNS = "resilience.worker.runs";

	/** Duration of a worker's runs. */
	public static final String RUN_DURATION = "resilience.worker.run.duration";

	/** Restarts of a worker by its supervisor. */
	public static final String RESTARTS = "resilience.worker.restarts";

	/** Lock attempts of a cluster-singleton worker, by result: acquired, skipped, unavailable. */
	public static final String LOCK = "resilience.worker.lock";

	/** Whether a worker that depends on checks is parked: 1 while a check it depends on is DEGRADED. */
	public static final String PARKED = "resilience.worker.parked";

	/** Escalations of a supervisor: restart intensity exceeded. */
	public static final String ESCALATIONS = "resilience.supervisor.escalations";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> parked = new ConcurrentHashMap<>();

	/**
	 * @param registry where meters are registered
	 */
	public WorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		this.counters.computeIfAbsent(RUNS + '|' + worker + '|' + outcome, (key) -> Counter.builder(RUNS)
			.description("Runs of a supervised worker")
			.tag("worker", worker)
			.tag("outcome", outcome.tagValue())
			.register(this.registry)).increment();
		this.timers.computeIfAbsent(worker, (key) -> Timer.builder(RUN_DURATION)
			.description("Duration of a supervised worker's runs")
			.tag("worker", worker)
			.register(this.registry)).record(duration);
	}

	@Override
	public void parked(String worker, List<String> waitingFor) {
		parked(worker).set(1);
	}

	@Override
	public void unparked(String worker) {
		parked(worker).set(0);
	}

	private AtomicInteger parked(String worker) {
		return this.parked.computeIfAbsent(worker, (name) -> {
			AtomicInteger parked = new AtomicInteger();
			Gauge.builder(PARKED, parked, AtomicInteger::get)
				.description("Whether a worker is parked (1): a check it depends on is DEGRADED")
				.tag("worker", name)
				.register(this.registry);
			return parked;
		});
	}

	@Override
	public void childRestarted(String supervisor, ChildSpec child) {
		if (child.type() == ChildSpec.Type.WORKER) {
			this.counters.computeIfAbsent(RESTARTS + '|' + child.id(), (key) -> Counter.builder(RESTARTS)
				.description("Restarts of a supervised worker")
				.tag("worker", child.id())
				.register(this.registry)).increment();
		}
	}

	@Override
	public void escalated(String supervisor, Intensity intensity) {
		this.counters.computeIfAbsent(ESCALATIONS + '|' + supervisor, (key) -> Counter.builder(ESCALATIONS)
			.description("Supervisors that exceeded their restart intensity")
			.tag("supervisor", supervisor)
			.register(this.registry)).increment();
	}

	@Override
	public void acquired(String worker) {
		lock(worker, "acquired");
	}

	@Override
	public void skipped(String worker) {
		lock(worker, "skipped");
	}

	@Override
	public void unavailable(String worker, Throwable failure) {
		lock(worker, "unavailable");
	}

	private void lock(String worker, String result) {
		this.counters.computeIfAbsent(LOCK + '|' + worker + '|' + result, (key) -> Counter.builder(LOCK)
			.description("Lock attempts of a cluster-singleton worker")
			.tag("worker", worker)
			.tag("result", result)
			.register(this.registry)).increment();
	}

}
