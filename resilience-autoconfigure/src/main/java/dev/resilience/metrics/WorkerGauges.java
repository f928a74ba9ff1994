package dev.resilience.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.tree.NoSuchWorkerException;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gauge {@code resilience.worker.last.success.age} (tag {@code worker}, seconds) for every
 * worker of a {@link SupervisionTree}: the time since the worker's last successful run, or since
 * the tree started it if it has not succeeded yet. It is read from the tree when scraped, and it
 * is never NaN: the gauge holds the tree strongly, and reads zero before a tree is bound.
 *
 * <p>Thread-safe; binding another tree (the application restarted its tree) moves every gauge to it.
 *
 * @since 0.1.0
 */
public class WorkerGauges {

	/** Seconds since a worker's last successful run. */
	public static final String LAST_SUCCESS_AGE = "resilience.worker.last.success.age";

	private final MeterRegistry registry;

	private final AtomicReference<SupervisionTree> tree = new AtomicReference<>();

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	/**
	 * @param registry where the gauges are registered
	 */
	public WorkerGauges(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers a gauge for each worker of the tree that has none yet, and reads them all from
	 * this tree from now on.
	 * @param tree the running tree
	 */
	public void bind(SupervisionTree tree) {
		this.tree.set(tree);
		tree.snapshot()
			.supervisors()
			.stream()
			.flatMap((branch) -> branch.workers().stream())
			.filter((worker) -> worker.kind() == WorkerSnapshot.Kind.WORKER)
			.map(WorkerSnapshot::name)
			.filter(this.registered::add)
			.forEach((name) -> Gauge.builder(LAST_SUCCESS_AGE, this, (gauges) -> gauges.ageSeconds(name))
				.description("Seconds since the worker's last successful run, or since it started without one")
				.baseUnit("seconds")
				.tag("worker", name)
				.strongReference(true)
				.register(this.registry));
	}

	private double ageSeconds(String worker) {
		SupervisionTree bound = this.tree.get();
		if (bound == null) {
			return 0;
		}
		try {
			return bound.lastSuccessAge(worker).toMillis() / 1000.0;
		}
		catch (NoSuchWorkerException ex) {
			return 0; // a worker of an earlier tree, no longer configured
		}
	}

}
