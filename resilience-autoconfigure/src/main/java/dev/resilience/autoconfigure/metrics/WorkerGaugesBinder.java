package dev.resilience.autoconfigure.metrics;

import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.metrics.WorkerGauges;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Binds the {@link WorkerGauges} to the supervision tree once the context has refreshed, which is
 * when the {@link SupervisionTreeLifecycle} has built and started it.
 */
class WorkerGaugesBinder implements ApplicationListener<ContextRefreshedEvent> {

	private final WorkerGauges gauges;

	private final ObjectProvider<SupervisionTreeLifecycle> lifecycle;

	WorkerGaugesBinder(WorkerGauges gauges, ObjectProvider<SupervisionTreeLifecycle> lifecycle) {
		this.gauges = gauges;
		this.lifecycle = lifecycle;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		this.lifecycle.ifAvailable((lifecycle) -> lifecycle.tree().ifPresent(this.gauges::bind));
	}

}
