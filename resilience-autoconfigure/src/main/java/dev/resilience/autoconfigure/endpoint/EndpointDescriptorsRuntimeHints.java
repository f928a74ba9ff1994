package dev.resilience.autoconfigure.endpoint;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the records that the {@code supervisors} and {@code alarms} endpoints return for
 * reflection as Jackson serializes them (their components, their {@code getType()} accessors).
 * Actuator registers an operation's declared return type itself, but not what it reaches through
 * {@code List<Object>}: the workers and supervisors among a supervisor's children. Imported by
 * {@link ResilienceEndpointAutoConfiguration}.
 */
class EndpointDescriptorsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				SupervisorsEndpoint.SupervisorsDescriptor.class, SupervisorsEndpoint.SupervisorDescriptor.class,
				SupervisorsEndpoint.IntensityDescriptor.class, SupervisorsEndpoint.WorkerDescriptor.class,
				SupervisorsEndpoint.SingletonDescriptor.class, SupervisorsEndpoint.LeaseDescriptor.class, SupervisorsEndpoint.FailureDescriptor.class,
				SupervisorsEndpoint.ActionDescriptor.class, CheckDescriptor.class, AlarmsEndpoint.AlarmsDescriptor.class,
				AlarmsEndpoint.AlarmDescriptor.class, AlarmsEndpoint.TransitionDescriptor.class,
				AlarmsEndpoint.ClearedDescriptor.class);
	}

}
