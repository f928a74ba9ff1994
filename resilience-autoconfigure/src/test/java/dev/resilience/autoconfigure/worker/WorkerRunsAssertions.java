package dev.resilience.autoconfigure.worker;

import java.time.Duration;

import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.tree.WorkerSnapshot;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationContext;

/**
 * What tests of worker methods read from a running context: run counts by outcome and the tree's
 * snapshot of a worker.
 */
final class WorkerRunsAssertions {

	static final Duration AT_MOST = Duration.ofSeconds(10);

	private WorkerRunsAssertions() {
	}

	/** @return the runs of a worker with that outcome, from {@code resilience.worker.runs} */
	static long runs(ApplicationContext context, String worker, String outcome) {
		return context.getBean(MeterRegistry.class)
			.find(WorkerMetrics.RUNS)
			.tag("worker", worker)
			.tag("outcome", outcome)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	/** @return the worker as the tree sees it now */
	static WorkerSnapshot worker(ApplicationContext context, String worker) {
		return context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow().worker(worker).orElseThrow();
	}

}
