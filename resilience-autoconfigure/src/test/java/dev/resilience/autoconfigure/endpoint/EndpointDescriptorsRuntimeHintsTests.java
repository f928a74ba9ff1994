package dev.resilience.autoconfigure.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint records are registered for Jackson, including those reached only through a
 * supervisor's {@code List<Object>} children.
 */
class EndpointDescriptorsRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	@Test
	void supervisorsEndpointRecordsAreRegisteredForSerialization() {
		new EndpointDescriptorsRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.SupervisorsDescriptor.class, "root"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.SupervisorDescriptor.class, "children"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.SupervisorDescriptor.class, "getType"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.WorkerDescriptor.class, "runs"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.WorkerDescriptor.class, "getType"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.FailureDescriptor.class, "message"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.SingletonDescriptor.class, "skippedRuns"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.IntensityDescriptor.class, "maxRestarts"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SupervisorsEndpoint.ActionDescriptor.class, "action"))
			.accepts(this.hints);
	}

	@Test
	void alarmsEndpointRecordsAreRegisteredForSerialization() {
		new EndpointDescriptorsRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(this.reflection.onMethodInvocation(AlarmsEndpoint.AlarmsDescriptor.class, "active"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(AlarmsEndpoint.AlarmDescriptor.class, "severity"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(AlarmsEndpoint.TransitionDescriptor.class, "at"))
			.accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(AlarmsEndpoint.ClearedDescriptor.class, "wasSet"))
			.accepts(this.hints);
	}

}
