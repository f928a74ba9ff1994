package dev.resilience.supervisor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Supervisor}, with OTP's defaults: {@link Strategy#ONE_FOR_ONE},
 * {@link Intensity#DEFAULT}, the system clock and no listener. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class SupervisorBuilder {

	final String id;

	Strategy strategy = Strategy.ONE_FOR_ONE;

	Intensity intensity = Intensity.DEFAULT;

	Clock clock = Clock.systemUTC();

	SupervisionListener listener = SupervisionListener.NONE;

	final List<ChildSpec> children = new ArrayList<>();

	SupervisorBuilder(String id) {
		this.id = Objects.requireNonNull(id, "id");
	}

	/**
	 * @param strategy the restart strategy
	 * @return this builder
	 */
	public SupervisorBuilder strategy(Strategy strategy) {
		this.strategy = Objects.requireNonNull(strategy, "strategy");
		return this;
	}

	/**
	 * @param intensity the restart intensity
	 * @return this builder
	 */
	public SupervisorBuilder intensity(Intensity intensity) {
		this.intensity = Objects.requireNonNull(intensity, "intensity");
		return this;
	}

	/**
	 * @param clock the clock the restart window reads
	 * @return this builder
	 */
	public SupervisorBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * @param listener hears restarts, stops and escalations; an exception it throws is logged
	 * and never affects supervision
	 * @return this builder
	 */
	public SupervisorBuilder listener(SupervisionListener listener) {
		this.listener = SupervisionListener.composite(java.util.List.of(Objects.requireNonNull(listener, "listener")));
		return this;
	}

	/**
	 * Adds a child; children start in the order they are added.
	 * @param child the child's spec
	 * @return this builder
	 * @throws IllegalArgumentException if a child with that id was added before
	 */
	public SupervisorBuilder child(ChildSpec child) {
		Objects.requireNonNull(child, "child");
		if (this.children.stream().anyMatch((existing) -> existing.id().equals(child.id()))) {
			throw new IllegalArgumentException(
					"Supervisor '" + this.id + "' already has a child '" + child.id() + "'");
		}
		this.children.add(child);
		return this;
	}

	/** @return the supervisor, not yet started */
	public Supervisor build() {
		return new Supervisor(this);
	}

}
