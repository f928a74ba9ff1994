package dev.resilience.test;

import java.util.List;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on the (visibly) active alarms of an {@link Alarms} list: what health, handlers and
 * events see, after debounce and hold.
 *
 * @since 0.1.0
 */
public class AlarmsAssert extends AbstractObjectAssert<AlarmsAssert, Alarms> {

	AlarmsAssert(Alarms actual) {
		super(actual, AlarmsAssert.class);
	}

	/**
	 * @param id an alarm's id
	 * @return this, if that alarm is set
	 */
	public AlarmsAssert hasActive(String id) {
		isNotNull();
		if (!this.actual.isSet(id)) {
			failWithMessage("Expected alarm <%s> to be active but the active alarms are %s", id, describe());
		}
		return this;
	}

	/**
	 * @param id an alarm's id
	 * @param severity its severity
	 * @return this, if that alarm is set with that severity
	 */
	public AlarmsAssert hasActive(String id, Severity severity) {
		hasActive(id);
		Alarm alarm = this.actual.get(id).orElseThrow();
		if (alarm.severity() != severity) {
			failWithMessage("Expected alarm <%s> to be active with severity %s but it is %s", id, severity,
					alarm.severity());
		}
		return this;
	}

	/**
	 * @param id an alarm's id
	 * @return this, if that alarm is not set
	 */
	public AlarmsAssert doesNotHaveActive(String id) {
		isNotNull();
		if (this.actual.isSet(id)) {
			failWithMessage("Expected alarm <%s> not to be active but it is: %s", id, this.actual.get(id).orElseThrow());
		}
		return this;
	}

	/** @return this, if no alarm is set */
	public AlarmsAssert hasNoActiveAlarms() {
		isNotNull();
		if (!this.actual.active().isEmpty()) {
			failWithMessage("Expected no active alarm but the active alarms are %s", describe());
		}
		return this;
	}

	private List<String> describe() {
		return this.actual.active().stream().map((alarm) -> alarm.id() + " (" + alarm.severity() + ")").toList();
	}

}
