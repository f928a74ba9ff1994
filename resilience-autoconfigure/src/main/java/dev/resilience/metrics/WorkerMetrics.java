package dev.resilience.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.tree.TreeSnapshot;
import dev.resilience.worker.LeaseEvent;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of workers and supervisors: the timer {@code resilience.worker.runs} (tags
 * {@code worker}, {@code outcome}, {@code error}: each run counted and timed once),
 * {@code resilience.worker.restarts} (tag {@code worker}) and
 * {@code resilience.supervisor.escalations} (tag {@code supervisor}), both registered at 0 for
 * every worker and supervisor of a tree by {@link #register(TreeSnapshot)}, and
 * {@code resilience.worker.lock} (tags {@code worker}, {@code result} = acquired | skipped |
 * unavailable) and {@code resilience.worker.lease} (tags {@code worker}, {@code event} = acquired
 * | renewed | released | lost | taken-over) for cluster singletons, and the gauge {@code resilience.worker.parked} (tag
 * {@code worker}; 1 while parked, 0 otherwise) for workers that depend on checks, registered when
 * the tree is built (such a worker starts parked). Meters are registered on first use and cached.
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class WorkerMetrics implements WorkerListener, SupervisionListener, SingletonListener {

	/** Runs of a worker, counted and timed, by outcome and error. */
	public static final String RUNS = "resilience.worker.runs";

	/** The {@code error} tag of a run that did not fail, as Micrometer's observations write it. */
	public static final String NO_ERROR = "none";

	/** Restarts of a worker by its supervisor. */
	public static final String RESTARTS = "resilience.worker.restarts";

	/** Lock attempts of a cluster-singleton worker, by result: acquired, skipped, unavailable. */
	public static final String LOCK = "resilience.worker.lock";

	/** Lease events of a cluster-singleton worker on leases, by event: acquired, renewed, released, lost, taken-over. */
	public static final String LEASE = "resilience.worker.lease";

	/** Whether a worker that depends on checks is parked: 1 while a check it depends on is DEGRADED. */
	public static final String PARKED = "resilience.worker.parked";

	/** Escalations of a supervisor: restart intensity exceeded. */
	public static final String ESCALATIONS = "resilience.supervisor.escalations";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> runs = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> parked = new ConcurrentHashMap<>();

	/**
	 * @param registry where meters are registered
	 */
	public WorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		String error = error(failure);
		this.runs.computeIfAbsent(worker + '|' + outcome + '|' + error, (key) -> Timer.builder(RUNS)
			.description("Runs of a supervised worker, counted and timed")
			.tag("worker", worker)
			.tag("outcome", outcome.tagValue())
			.tag("error", error)
			.register(this.registry)).record(duration);
	}

	/**
	 * @param failure a run's failure, or {@code null}
	 * @return its {@code error} tag: the exception's simple class name, {@value #NO_ERROR} without one
	 */
	static String error(Throwable failure) {
		if (failure == null) {
			return NO_ERROR;
		}
		String simple = failure.getClass().getSimpleName();
		return simple.isEmpty() ? failure.getClass().getName() : simple;
	}

	/**
	 * Registers {@code resilience.worker.restarts} of every worker and
	 * {@code resilience.supervisor.escalations} of every supervisor of a tree at 0, so that an
	 * alert on them has a series to look at before the first restart or escalation.
	 * @param tree a snapshot of the tree
	 */
	public void register(TreeSnapshot tree) {
		escalations(tree.root().id());
		for (TreeSnapshot.Branch branch : tree.supervisors()) {
			escalations(branch.supervisor().id());
			branch.workers().forEach((worker) -> restarts(worker.name()));
		}
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
			restarts(child.id()).increment();
		}
	}

	private Counter restarts(String worker) {
		return this.counters.computeIfAbsent(RESTARTS + '|' + worker, (key) -> Counter.builder(RESTARTS)
			.description("Restarts of a supervised worker")
			.tag("worker", worker)
			.register(this.registry));
	}

	private Counter escalations(String supervisor) {
		return this.counters.computeIfAbsent(ESCALATIONS + '|' + supervisor, (key) -> Counter.builder(ESCALATIONS)
			.description("Supervisors that exceeded their restart intensity")
			.tag("supervisor", supervisor)
			.register(this.registry));
	}

	@Override
	public void escalated(String supervisor, Intensity intensity) {
		escalations(supervisor).increment();
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

	@Override
	public void lease(String worker, LeaseEvent event) {
		this.counters.computeIfAbsent(LEASE + '|' + worker + '|' + event, (key) -> Counter.builder(LEASE)
			.description("Lease events of a cluster-singleton worker on this instance")
			.tag("worker", worker)
			.tag("event", event.tagValue())
			.register(this.registry)).increment();
	}

	private void lock(String worker, String result) {
		this.counters.computeIfAbsent(LOCK + '|' + worker + '|' + result, (key) -> Counter.builder(LOCK)
			.description("Lock attempts of a cluster-singleton worker")
			.tag("worker", worker)
			.tag("result", result)
			.register(this.registry)).increment();
	}

}
