package dev.resilience.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The children of one {@link Supervisor} in start order, each in its {@link Slot} across
 * restarts, and the rules of which siblings a restart strategy affects. Not thread-safe: guarded
 * by the supervisor's lock.
 */
final class Slots {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private final List<Slot> slots;

	/**
	 * @param children how many children the supervisor starts with; a supervisor of one worker
	 * (one per worker in a tree) keeps a list of one
	 */
	Slots(int children) {
		this.slots = new ArrayList<>(children);
	}

	void add(ChildSpec spec) {
		this.slots.add(new Slot(spec));
	}

	/** @return the slots in start order; the list itself, for iteration under the lock */
	List<Slot> all() {
		return this.slots;
	}

	void remove(Slot slot) {
		this.slots.remove(slot);
	}

	/**
	 * @throws IllegalArgumentException if the supervisor has no such child
	 */
	Slot find(String supervisor, String childId) {
		for (Slot slot : this.slots) {
			if (slot.spec.id().equals(childId)) {
				return slot;
			}
		}
		throw new IllegalArgumentException("Supervisor '" + supervisor + "' has no child '" + childId + "'");
	}

	Optional<Child> child(String childId) {
		return this.slots.stream()
			.filter((slot) -> slot.spec.id().equals(childId))
			.findFirst()
			.map((slot) -> slot.child);
	}

	/** @return the slots a restart after {@code failed} stops and starts again, in start order */
	List<Slot> affectedBy(Strategy strategy, Slot failed) {
		return switch (strategy) {
			case ONE_FOR_ONE -> new ArrayList<>(List.of(failed));
			case ONE_FOR_ALL -> new ArrayList<>(this.slots);
			case REST_FOR_ONE -> new ArrayList<>(this.slots.subList(this.slots.indexOf(failed), this.slots.size()));
		};
	}

	/** A temporary child stopped because of a sibling is removed, not restarted, as in OTP. */
	void dropStoppedTemporarySiblings(List<Slot> affected, Slot failed) {
		List<Slot> temporary = affected.stream()
			.filter((slot) -> slot != failed && slot.spec.restart() == Restart.TEMPORARY)
			.toList();
		affected.removeAll(temporary);
		this.slots.removeAll(temporary);
	}

	List<SupervisorSnapshot.ChildSnapshot> snapshots() {
		List<SupervisorSnapshot.ChildSnapshot> children = new ArrayList<>();
		for (Slot slot : this.slots) {
			SupervisorSnapshot nested = NestedSupervisor.unwrap(slot.child).map(Supervisor::snapshot).orElse(null);
			children.add(new SupervisorSnapshot.ChildSnapshot(slot.spec.id(), slot.spec.type(), slot.spec.restart(),
					slot.child != null, nested));
		}
		return List.copyOf(children);
	}

	/** One child's place in the start order, across restarts. */
	static final class Slot {

		final ChildSpec spec;

		Child child;

		int generation;

		private Slot(ChildSpec spec) {
			this.spec = spec;
		}

		/**
		 * Starts a fresh child in this slot.
		 * @param exitHandlers the exit handler of the child of each generation
		 */
		void start(IntFunction<ExitHandler> exitHandlers) throws Exception {
			ExitHandler exitHandler = exitHandlers.apply(++this.generation);
			this.child = Objects.requireNonNull(this.spec.starter().start(exitHandler),
					() -> "starter of child '" + this.spec.id() + "' returned null");
		}

		/**
		 * Stops the child in this slot within its shutdown timeout, if one is running.
		 * @return whether one was running
		 */
		boolean stop(String supervisor) {
			Child running = this.child;
			if (running == null) {
				return false;
			}
			this.child = null;
			try {
				running.stop(this.spec.shutdownTimeout());
			}
			catch (RuntimeException ex) {
				logger.warn("Supervisor '{}' could not stop child '{}' cleanly", supervisor, this.spec.id(), ex);
			}
			return true;
		}

	}

}
