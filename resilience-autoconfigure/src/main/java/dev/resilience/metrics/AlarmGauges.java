package dev.resilience.metrics;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauge {@code resilience.alarms.active} (tag {@code severity}): how many alarms of each
 * severity are set, read from {@link Alarms#count(Severity)} when scraped.
 *
 * @since 0.1.0
 */
public class AlarmGauges implements MeterBinder {

	/** Set alarms, by severity. */
	public static final String ACTIVE = "resilience.alarms.active";

	private final Alarms alarms;

	/**
	 * @param alarms the alarm list
	 */
	public AlarmGauges(Alarms alarms) {
		this.alarms = alarms;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Severity severity : Severity.values()) {
			Gauge.builder(ACTIVE, this.alarms, (alarms) -> alarms.count(severity))
				.description("Alarms set, by severity")
				.tag("severity", severity.name())
				.register(registry);
		}
	}

}
