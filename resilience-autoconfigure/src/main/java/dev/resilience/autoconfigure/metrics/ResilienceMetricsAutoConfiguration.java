package dev.resilience.autoconfigure.metrics;

import dev.resilience.alarm.Alarms;
import dev.resilience.metrics.AlarmActiveGauges;
import dev.resilience.metrics.AlarmGauges;
import dev.resilience.metrics.AlarmMetrics;
import dev.resilience.metrics.CheckMetrics;
import dev.resilience.metrics.WorkerGauges;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Meters of supervised workers, alarms and dependency checks, when Micrometer is on the class path and a
 * {@link MeterRegistry} exists.
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
	WorkerGaugesBinder resilienceWorkerGaugesBinder(WorkerGauges gauges,
			ObjectProvider<SupervisionTreeLifecycle> lifecycle) {
		return new WorkerGaugesBinder(gauges, lifecycle);
	}

}
