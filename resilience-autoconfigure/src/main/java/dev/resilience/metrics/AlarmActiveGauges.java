package dev.resilience.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmObserver;
import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gauge {@code resilience.alarm.active} (tags {@code alarm}, {@code severity}): 1 while the
 * alarm is set with that severity, 0 otherwise, so Prometheus and Alertmanager can group one
 * alarm across a fleet. Registered when an alarm is first set with a severity and kept afterwards,
 * so a scrape after the clear reads 0 rather than nothing. With managed alarms it follows the
 * visible state: a set within its debounce reads 0.
 *
 * <p>The value is read from the alarm list when scraped, not from the transitions heard, so two
 * transitions heard out of order (observers are called outside the alarm list's lock) cannot
 * leave a wrong value behind. The alarm list is given as a supplier because this observer is
 * given to the alarm list's builder before the list exists; it is called at scrape time only.
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class AlarmActiveGauges implements AlarmObserver {

	/** 1 while an alarm is set with the severity of the tag, else 0. */
	public static final String ACTIVE = "resilience.alarm.active";

	private final MeterRegistry registry;

	private final Supplier<Alarms> alarms;

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	/**
	 * @param registry where the gauges are registered
	 * @param alarms the alarm list, read when scraped
	 */
	public AlarmActiveGauges(MeterRegistry registry, Supplier<Alarms> alarms) {
		this.registry = registry;
		this.alarms = alarms;
	}

	@Override
	public void transition(AlarmTransition transition) {
		if (transition.action() == AlarmTransition.Action.SET) {
			register(transition.alarm());
		}
	}

	@Override
	public void severityChanged(Alarm alarm, Severity previous) {
		register(alarm);
	}

	private void register(Alarm alarm) {
		String id = alarm.id();
		Severity severity = alarm.severity();
		if (this.registered.add(id + '|' + severity)) {
			Gauge.builder(ACTIVE, this.alarms, (alarms) -> active(alarms.get(), id, severity))
				.description("1 while the alarm is set with this severity, else 0")
				.tag("alarm", id)
				.tag("severity", severity.name())
				.strongReference(true)
				.register(this.registry);
		}
	}

	private static double active(Alarms alarms, String id, Severity severity) {
		return alarms.get(id).filter((alarm) -> alarm.severity() == severity).isPresent() ? 1 : 0;
	}

}
