package dev.resilience.autoconfigure.endpoint;

import java.util.List;
import java.util.Locale;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.Alarms;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code alarms} endpoint: active alarms and recent history as everyone sees them (with
 * managed alarms, the visible state), the raw history of every set and clear as called, and a
 * delete operation
 * ({@code DELETE /actuator/alarms/{id}}) that clears one, off unless access is granted
 * ({@code management.endpoint.alarms.access=unrestricted}) and is audited
 * ({@link OperatorAudit}).
 *
 * @since 0.1.0
 */
@Endpoint(id = "alarms", defaultAccess = Access.READ_ONLY)
public class AlarmsEndpoint {

	private final Alarms alarms;

	private final OperatorAudit audit;

	/**
	 * @param alarms the alarm list
	 * @param audit logs and publishes every clear
	 */
	public AlarmsEndpoint(Alarms alarms, OperatorAudit audit) {
		this.alarms = alarms;
		this.audit = audit;
	}

	/**
	 * @return active alarms, worst first, recent transitions and recent raw transitions, oldest
	 * first
	 */
	@ReadOperation
	public AlarmsDescriptor alarms() {
		List<AlarmDescriptor> active = this.alarms.active().stream().map(AlarmsEndpoint::describe).toList();
		return new AlarmsDescriptor(active, describe(this.alarms.history()), describe(this.alarms.rawHistory()));
	}

	/**
	 * Clears an alarm.
	 * @param id the alarm's id
	 * @param security the caller, named in the audit line and event
	 * @return whether it was set
	 */
	@DeleteOperation
	public ClearedDescriptor clear(@Selector String id, SecurityContext security) {
		boolean wasSet = this.alarms.isSet(id);
		this.alarms.clear(id);
		this.audit.record("alarm", id, "clear", security, wasSet ? "done" : "done (it was not set)");
		return new ClearedDescriptor(id, wasSet);
	}

	private static List<TransitionDescriptor> describe(List<AlarmTransition> transitions) {
		return transitions.stream()
			.map((transition) -> new TransitionDescriptor(transition.action().name().toLowerCase(Locale.ROOT),
					describe(transition.alarm()), transition.at().toString()))
			.toList();
	}

	private static AlarmDescriptor describe(Alarm alarm) {
		return new AlarmDescriptor(alarm.id(), alarm.severity().name(), alarm.description(), alarm.setAt().toString());
	}

	/**
	 * Active alarms and recent history.
	 *
	 * @param active active (visible) alarms
	 * @param history recent visible transitions, the ones handlers heard
	 * @param rawHistory recent raw transitions, every set and clear as called, also those a
	 * debounce or hold kept from everyone
	 */
	public record AlarmsDescriptor(List<AlarmDescriptor> active, List<TransitionDescriptor> history,
			List<TransitionDescriptor> rawHistory) implements OperationResponseBody {
	}

	/**
	 * An alarm.
	 *
	 * @param id its id
	 * @param severity its severity
	 * @param description its description
	 * @param setAt when it was set
	 */
	public record AlarmDescriptor(String id, String severity, String description, String setAt) {
	}

	/**
	 * A transition.
	 *
	 * @param action {@code set} or {@code cleared}
	 * @param alarm the alarm
	 * @param at when
	 */
	public record TransitionDescriptor(String action, AlarmDescriptor alarm, String at) {
	}

	/**
	 * The result of clearing.
	 *
	 * @param id the alarm's id
	 * @param wasSet whether it was set
	 */
	public record ClearedDescriptor(String id, boolean wasSet) implements OperationResponseBody {
	}

}
