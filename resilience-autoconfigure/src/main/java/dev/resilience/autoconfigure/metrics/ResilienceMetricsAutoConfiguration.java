package dev.resilience.autoconfigure.metrics;

import dev.resilience.alarm.Alarms;
import dev.resilience.metrics.AlarmActiveGauges;
import dev.resilience.metrics.AlarmGauges;
import dev.resilience.metrics.AlarmMetrics;
import dev.resilience.metrics.CheckMetrics;
import dev.resilience.metrics.WorkerGauges;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.metrics.WorkerObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Meters of supervised workers, alarms and dependency checks, when Micrometer is on the class path and a
 * {@link MeterRegistry} exists. A run is counted and timed once, by {@code resilience.worker.runs}:
 * the meters that Actuator's observation handler would make of the run's observation (the timer
 * {@code resilience.worker.run} and the long-task timer {@code resilience.worker.run.active}) are
 * denied by the {@link MeterFilter} bean {@value #OBSERVATION_METER_FILTER}, which a bean of that
 * name replaces.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "dev.resilience.autoconfigure.ResilienceAutoConfiguration",
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
public final class ResilienceMetricsAutoConfiguration {

	/** The name of the filter that denies the meters of the run observation. */
	public static final String OBSERVATION_METER_FILTER = "resilienceObservationMeterFilter";

	@Bean(OBSERVATION_METER_FILTER)
	@ConditionalOnMissingBean(name = OBSERVATION_METER_FILTER)
	static MeterFilter resilienceObservationMeterFilter() {
		String run = WorkerObservations.RUN;
		return MeterFilter.deny((id) -> id.getName().equals(run) || id.getName().equals(run + ".active"));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerMetrics resilienceWorkerMetrics(MeterRegistry registry) {
		return new WorkerMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	AlarmMetrics resilienceAlarmMetrics(MeterRegistry registry) {
		return new AlarmMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	AlarmActiveGauges resilienceAlarmActiveGauges(MeterRegistry registry, ObjectProvider<Alarms> alarms) {
		return new AlarmActiveGauges(registry, alarms::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	CheckMetrics resilienceCheckMetrics(MeterRegistry registry) {
		return new CheckMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	AlarmGauges resilienceAlarmGauges(Alarms alarms) {
		return new AlarmGauges(alarms);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerGauges resilienceWorkerGauges(MeterRegistry registry) {
		return new WorkerGauges(registry);
	}

	@Bean
	WorkerGaugesBinder resilienceWorkerGaugesBinder(WorkerGauges gauges, ObjectProvider<WorkerMetrics> metrics,
			ObjectProvider<SupervisionTreeLifecycle> lifecycle) {
		return new WorkerGaugesBinder(gauges, metrics, lifecycle);
	}

}
