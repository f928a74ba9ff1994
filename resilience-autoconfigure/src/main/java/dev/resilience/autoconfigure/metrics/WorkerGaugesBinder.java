package dev.resilience.autoconfigure.metrics;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.metrics.WorkerGauges;
import dev.resilience.metrics.WorkerMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Binds the {@link WorkerGauges} to the supervision tree once the context has refreshed, which is
 * when the {@link SupervisionTreeLifecycle} has built and started it, and registers the restart
 * and escalation counters of its workers and supervisors at 0 ({@link WorkerMetrics#register}).
 */
class WorkerGaugesBinder implements ApplicationListener<ContextRefreshedEvent> {

	private final WorkerGauges gauges;

	private final ObjectProvider<WorkerMetrics> metrics;

	private final ObjectProvider<SupervisionTreeLifecycle> lifecycle;

	WorkerGaugesBinder(WorkerGauges gauges, ObjectProvider<WorkerMetrics> metrics,
			ObjectProvider<SupervisionTreeLifecycle> lifecycle) {
		this.gauges = gauges;
		this.metrics = metrics;
		this.lifecycle = lifecycle;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		this.lifecycle.ifAvailable((lifecycle) -> lifecycle.tree().ifPresent((tree) -> {
			this.gauges.bind(tree);
			this.metrics.ifAvailable((metrics) -> metrics.register(tree.snapshot()));
		}));
	}

}
