package dev.resilience.supervisor;

import java.time.Duration;
import java.util.Optional;

/**
 * A supervisor as the child of another: stopping it stops its children in reverse order, each
 * within its own shutdown timeout, so the timeout its parent gives does not apply (OTP's
 * {@code shutdown => infinity} for supervisor children).
 *
 * @param supervisor the nested supervisor
 */
record NestedSupervisor(Supervisor supervisor) implements Child {

	@Override
	public void stop(Duration ignored) {
		this.supervisor.stop();
	}

	static Optional<Supervisor> unwrap(Child child) {
		return (child instanceof NestedSupervisor nested) ? Optional.of(nested.supervisor()) : Optional.empty();
	}

}
