package dev.resilience.supervisor;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Supervisor} starts, restarts and stops one child: OTP's child specification.
 * Immutable; adjust with the {@code with*} methods.
 *
 * @param id the child's id, unique within its supervisor
 * @param starter starts a fresh child
 * @param restart when the child is restarted
 * @param shutdownTimeout how long the child may take to stop before it is interrupted
 * @param type whether the child is a worker or a supervisor
 *
 * @since 0.1.0
 */
public record ChildSpec(String id, ChildStarter starter, Restart restart, Duration shutdownTimeout, Type type) {

	/** The shutdown timeout of a child spec that does not say: 5 seconds, as OTP's default. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	public ChildSpec {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(starter, "starter");
		Objects.requireNonNull(restart, "restart");
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		Objects.requireNonNull(type, "type");
		if (id.isBlank()) {
			throw new IllegalArgumentException("a child id must not be blank");
		}
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"shutdownTimeout of child '" + id + "' must be zero or positive, was " + shutdownTimeout);
		}
	}

	/**
	 * A permanent worker child with the default shutdown timeout.
	 * @param id the child's id
	 * @param starter starts a fresh child
	 * @return the spec
	 */
	public static ChildSpec worker(String id, ChildStarter starter) {
		return new ChildSpec(id, starter, Restart.PERMANENT, DEFAULT_SHUTDOWN_TIMEOUT, Type.WORKER);
	}

	/**
	 * A permanent child that is itself a supervisor, built afresh on every (re)start: a nested
	 * supervisor restarts with a new restart window, as in OTP.
	 * @param id the child's id
	 * @param supervisor builds the nested supervisor, not yet started
	 * @return the spec
	 */
	public static ChildSpec supervisor(String id, Supplier<Supervisor> supervisor) {
		Objects.requireNonNull(supervisor, "supervisor");
		ChildStarter starter = (exitHandler) -> {
			Supervisor child = supervisor.get();
			child.start(exitHandler);
			return new NestedSupervisor(child);
		};
		return new ChildSpec(id, starter, Restart.PERMANENT, DEFAULT_SHUTDOWN_TIMEOUT, Type.SUPERVISOR);
	}

	/**
	 * @param restart the restart type
	 * @return a copy with that restart type
	 */
	public ChildSpec withRestart(Restart restart) {
		return new ChildSpec(this.id, this.starter, restart, this.shutdownTimeout, this.type);
	}

	/**
	 * @param shutdownTimeout how long the child may take to stop before it is interrupted
	 * @return a copy with that shutdown timeout
	 */
	public ChildSpec withShutdownTimeout(Duration shutdownTimeout) {
		return new ChildSpec(this.id, this.starter, this.restart, shutdownTimeout, this.type);
	}

	/** Whether a child is a worker or a supervisor, as OTP's {@code type}. */
	public enum Type {

		/** A child that does work. */
		WORKER,

		/** A child that is itself a supervisor. */
		SUPERVISOR

	}

}
