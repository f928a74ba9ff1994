package dev.resilience.autoconfigure.metrics;

import dev.resilience.alarm.Alarms;
import dev.resilience.metrics.AlarmActiveGauges;
import dev.resilience.metrics.AlarmGauges;
import dev.resilience.metrics.AlarmMetrics;
import dev.resilience.metrics.CheckMetrics;
import dev.resilience.metrics.WorkerGauges;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.metrics.RunObservationMeterHandler;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Meters of supervised workers, alarms and dependency checks, when Micrometer is on the class path and a
 * {@link MeterRegistry} exists. A run is counted and timed once, by {@code resilience.worker.runs}:
 * the meters that Actuator's observation handler would make of the run's observation (the timer
 * {@code resilience.worker.run} and the long-task timer {@code resilience.worker.run.active}) are
 * denied by the {@link MeterFilter} bean {@value #OBSERVATION_METER_FILTER}, and never looked up,
 * as {@link RunObservationMeterHandler} claims the run observation first. A bean of that name
 * replaces both.
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

	/**
	 * No meters from the run observation: the filter denies them in every registry, and the
	 * handler, first among the meter handlers, claims the run observation so that Actuator's meter
	 * handler never looks them up (each lookup of a denied meter takes the registry's lock). A
	 * bean named {@value #OBSERVATION_METER_FILTER} replaces both.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(name = OBSERVATION_METER_FILTER)
	static class ObservationMeters {

		@Bean(OBSERVATION_METER_FILTER)
		static MeterFilter resilienceObservationMeterFilter() {
			String run = WorkerObservations.RUN;
			return MeterFilter.deny((id) -> id.getName().equals(run) || id.getName().equals(run + ".active"));
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		static RunObservationMeterHandler resilienceRunObservationMeterHandler() {
			return new RunObservationMeterHandler();
		}

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
