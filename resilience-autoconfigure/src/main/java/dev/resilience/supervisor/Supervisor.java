package dev.resilience.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OTP supervisor: starts its children in order, restarts them as their {@link Restart} type
 * and its {@link Strategy} say, gives up when restarts exceed its {@link Intensity}, and stops
 * its children in reverse start order.
 *
 * <p>When it gives up, it stops every child in reverse order and reports an abnormal exit (a
 * {@link RestartIntensityExceededException}) to the {@link ExitHandler} it was started with:
 * its parent supervisor, which counts that as one restart of its own, or the application for a
 * root. A supervisor is itself a {@link Child}, so supervisors nest
 * ({@link ChildSpec#supervisor}).
 *
 * <p><b>Threading.</b> This class is thread-safe. Every change of state (start, a child's exit,
 * a restart, a stop) happens under one lock per supervisor, on the thread that caused it: a
 * child's exit is handled, and its restart done, on the thread that reported the exit. Locks are
 * only ever taken from parent to child, never the other way: a supervisor reports its own exit to
 * its parent, and calls {@link SupervisionListener listeners}, only after releasing its lock. An
 * exit reported while the supervisor's lock is held by the same thread (a child that exits while
 * starting) is queued and handled before the lock is released. Stopping a child blocks the
 * calling thread for up to that child's shutdown timeout.
 */
public final class Supervisor {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private final String id;

	private final Strategy strategy;

	private final Intensity intensity;

	private final Clock clock;

	private final SupervisionListener listener;

	private final RestartWindow window;

	private final SerialSection section = new SerialSection();

	private final List<Slot> slots = new ArrayList<>();

	private State state = State.NEW;

	private ExitHandler parent;

	Supervisor(SupervisorBuilder builder) {
		this.id = builder.id;
		this.strategy = builder.strategy;
		this.intensity = builder.intensity;
		this.clock = builder.clock;
		this.listener = builder.listener;
		this.window = new RestartWindow(builder.intensity);
		for (ChildSpec spec : builder.children) {
			this.slots.add(new Slot(spec));
		}
	}

	/**
	 * @param id the supervisor's id, as its parent knows it
	 * @return a builder with OTP's defaults: {@link Strategy#ONE_FOR_ONE},
	 * {@link Intensity#DEFAULT}, the system clock and no listener
	 */
	public static SupervisorBuilder builder(String id) {
		return new SupervisorBuilder(id);
	}

	/** @return this supervisor's id */
	public String id() {
		return this.id;
	}

	/** @return this supervisor's state */
	public State state() {
		return locked(() -> this.state);
	}

	/**
	 * Starts a root supervisor whose give-up is only logged.
	 * @see #start(ExitHandler)
	 */
	public void start() {
		start((exit) -> logger.error("Root supervisor '{}' gave up", this.id, exit.cause()));
	}

	/**
	 * Starts the children in order. If one fails to start, the children already started are
	 * stopped in reverse order and a {@link SupervisorStartException} is thrown.
	 * @param parent hears this supervisor's exit when it gives up
	 * @throws SupervisorStartException if a child failed to start
	 * @throws IllegalStateException if this supervisor was started before
	 */
	public void start(ExitHandler parent) {
		Objects.requireNonNull(parent, "parent");
		locked(() -> {
			if (this.state != State.NEW) {
				throw new IllegalStateException("Supervisor '" + this.id + "' was already started");
			}
			this.parent = parent;
			this.state = State.RUNNING;
			for (Slot slot : this.slots) {
				try {
					startChild(slot);
				}
				catch (Exception ex) {
					stopChildren(this.slots);
					this.state = State.FAILED;
					throw new SupervisorStartException(this.id, slot.spec.id(), ex);
				}
			}
		});
	}

	/** Stops every running child in reverse start order, each within its shutdown timeout. */
	public void stop() {
		locked(() -> {
			if (this.state == State.RUNNING) {
				this.state = State.STOPPING;
				stopChildren(this.slots);
				this.state = State.STOPPED;
			}
		});
	}

	/**
	 * Stops a running child without restarting it, as OTP's {@code terminate_child}. A temporary
	 * child is removed; others stay in the tree, terminated, until {@link #restartChild}.
	 * @param childId the child's id
	 * @return {@code true} if the child was running and is now stopped
	 * @throws IllegalArgumentException if there is no such child
	 */
	public boolean terminateChild(String childId) {
		return locked(() -> {
			Slot slot = slot(childId);
			boolean wasRunning = slot.child != null;
			stopChild(slot);
			if (slot.spec.restart() == Restart.TEMPORARY) {
				this.slots.remove(slot);
			}
			return wasRunning;
		});
	}

	/**
	 * Restarts a child on request: stops it if it is running, then starts it. Restarts on request
	 * do not count toward the intensity, as with OTP's {@code restart_child}.
	 * @param childId the child's id
	 * @throws IllegalArgumentException if there is no such child
	 * @throws IllegalStateException if this supervisor is not running
	 * @throws SupervisorStartException if the child failed to start
	 */
	public void restartChild(String childId) {
		locked(() -> {
			if (this.state != State.RUNNING) {
				throw new IllegalStateException("Supervisor '" + this.id + "' is " + this.state);
			}
			Slot slot = slot(childId);
			stopChild(slot);
			try {
				startChild(slot);
			}
			catch (Exception ex) {
				throw new SupervisorStartException(this.id, childId, ex);
			}
			notifyListener(() -> this.listener.childRestarted(this.id, slot.spec));
		});
	}

	/**
	 * @param childId a child's id
	 * @return the child as currently started, empty if it is not running or unknown; a nested
	 * supervisor is returned as the {@link Child} that stands for it (see {@link #supervisor})
	 */
	public Optional<Child> child(String childId) {
		return locked(() -> this.slots.stream()
			.filter((slot) -> slot.spec.id().equals(childId))
			.findFirst()
			.map((slot) -> slot.child));
	}

	/**
	 * @param childId the id of a child that is a supervisor
	 * @return that nested supervisor as currently started, empty if it is not running, unknown
	 * or not a supervisor
	 */
	public Optional<Supervisor> supervisor(String childId) {
		return child(childId).flatMap(NestedSupervisor::unwrap);
	}

	/** @return a view of this supervisor and, recursively, its nested supervisors */
	public SupervisorSnapshot snapshot() {
		return locked(() -> {
			List<SupervisorSnapshot.ChildSnapshot> children = new ArrayList<>();
			for (Slot slot : this.slots) {
				SupervisorSnapshot nested = NestedSupervisor.unwrap(slot.child).map(Supervisor::snapshot).orElse(null);
				children.add(new SupervisorSnapshot.ChildSnapshot(slot.spec.id(), slot.spec.type(),
						slot.spec.restart(), slot.child != null, nested));
			}
			return new SupervisorSnapshot(this.id, this.strategy, this.intensity, this.state,
					this.window.count(this.clock.instant()), List.copyOf(children));
		});
	}

	private void startChild(Slot slot) throws Exception {
		int generation = ++slot.generation;
		ExitHandler exitHandler = (exit) -> childExited(slot, generation, exit);
		slot.child = Objects.requireNonNull(slot.spec.starter().start(exitHandler),
				() -> "starter of child '" + slot.spec.id() + "' returned null");
	}

	private void childExited(Slot slot, int generation, Exit exit) {
		this.section.submit(() -> handleExit(slot, generation, exit));
	}

	private void handleExit(Slot slot, int generation, Exit exit) {
		if (this.state != State.RUNNING || slot.generation != generation || slot.child == null) {
			return; // a stale exit: that child was stopped or replaced meanwhile
		}
		slot.child = null;
		notifyListener(() -> this.listener.childExited(this.id, slot.spec, exit));
		if (!slot.spec.restart().restartsAfter(exit)) {
			if (slot.spec.restart() == Restart.TEMPORARY) {
				this.slots.remove(slot);
			}
			return;
		}
		restart(slot, exit);
	}

	/**
	 * Restarts after {@code exited} exited, as the strategy says. A child that fails to start
	 * counts as one more restart, so a child that cannot start makes the supervisor give up.
	 */
	private void restart(Slot exited, Exit exit) {
		Slot failed = exited;
		Exit lastExit = exit;
		while (failed != null) {
			if (!this.window.record(this.clock.instant())) {
				giveUp(lastExit);
				return;
			}
			logger.info("Supervisor '{}' restarting child '{}' after {}", this.id, failed.spec.id(), describe(lastExit));
			List<Slot> affected = affectedBy(failed);
			stopChildren(affected);
			dropStoppedTemporarySiblings(affected, failed);
			failed = null;
			for (Slot slot : affected) {
				try {
					startChild(slot);
					notifyListener(() -> this.listener.childRestarted(this.id, slot.spec));
				}
				catch (Exception ex) {
					logger.warn("Supervisor '{}' failed to restart child '{}'", this.id, slot.spec.id(), ex);
					failed = slot;
					lastExit = Exit.abnormal(ex);
					break;
				}
			}
		}
	}

	/** A temporary child stopped because of a sibling is removed, not restarted, as in OTP. */
	private void dropStoppedTemporarySiblings(List<Slot> affected, Slot failed) {
		List<Slot> temporary = affected.stream()
			.filter((slot) -> slot != failed && slot.spec.restart() == Restart.TEMPORARY)
			.toList();
		affected.removeAll(temporary);
		this.slots.removeAll(temporary);
	}

	private static String describe(Exit exit) {
		return (exit.cause() != null) ? exit.cause().toString() : exit.kind().name().toLowerCase(java.util.Locale.ROOT)
				+ " exit";
	}

	private List<Slot> affectedBy(Slot failed) {
		return switch (this.strategy) {
			case ONE_FOR_ONE -> new ArrayList<>(List.of(failed));
			case ONE_FOR_ALL -> new ArrayList<>(this.slots);
			case REST_FOR_ONE -> new ArrayList<>(this.slots.subList(this.slots.indexOf(failed), this.slots.size()));
		};
	}

	private void giveUp(Exit lastExit) {
		logger.error("Supervisor '{}' gave up: more than {}; stopping its children", this.id, this.intensity);
		this.state = State.STOPPING;
		stopChildren(this.slots);
		this.state = State.FAILED;
		ExitHandler parent = this.parent;
		RestartIntensityExceededException failure = new RestartIntensityExceededException(this.id, this.intensity,
				lastExit);
		notifyListener(() -> this.listener.escalated(this.id, this.intensity));
		this.section.afterUnlock(() -> parent.exited(Exit.abnormal(failure)));
	}

	private void stopChildren(List<Slot> children) {
		for (int i = children.size() - 1; i >= 0; i--) {
			stopChild(children.get(i));
		}
	}

	private void stopChild(Slot slot) {
		Child child = slot.child;
		if (child == null) {
			return;
		}
		slot.child = null;
		try {
			child.stop(slot.spec.shutdownTimeout());
		}
		catch (RuntimeException ex) {
			logger.warn("Supervisor '{}' could not stop child '{}' cleanly", this.id, slot.spec.id(), ex);
		}
		notifyListener(() -> this.listener.childStopped(this.id, slot.spec));
	}

	private Slot slot(String childId) {
		for (Slot slot : this.slots) {
			if (slot.spec.id().equals(childId)) {
				return slot;
			}
		}
		throw new IllegalArgumentException("Supervisor '" + this.id + "' has no child '" + childId + "'");
	}

	private void notifyListener(Runnable call) {
		this.section.afterUnlock(() -> {
			try {
				call.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Supervision listener failed in supervisor '{}'", this.id, ex);
			}
		});
	}

	private void locked(Runnable action) {
		this.section.run(action);
	}

	private <T> T locked(Supplier<T> action) {
		return this.section.call(action);
	}

	/** The life of a supervisor. */
	public enum State {

		/** Built, not yet started. */
		NEW,

		/** Started and supervising. */
		RUNNING,

		/** Stopping its children. */
		STOPPING,

		/** Stopped on request. */
		STOPPED,

		/** Failed to start, or gave up after too many restarts. */
		FAILED

	}

	/** One child's place in the start order, across restarts. Guarded by the lock. */
	private static final class Slot {

		private final ChildSpec spec;

		private Child child;

		private int generation;

		private Slot(ChildSpec spec) {
			this.spec = spec;
		}

	}

}
