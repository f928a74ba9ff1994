package dev.resilience.supervisor;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * An OTP supervisor: starts its children in order, restarts them as their {@link Restart} type and its
 * {@link Strategy} say, gives up when restarts exceed its {@link Intensity}, and stops them in reverse order.
 *
 * <p>When it gives up, it stops every child in reverse order and reports an abnormal exit (a
 * {@link RestartIntensityExceededException}) to the {@link ExitHandler} it was started with:
 * its parent supervisor, which counts that as one restart of its own, or the application for a
 * root. Supervisors nest: {@link ChildSpec#supervisor} makes one the child of another.
 *
 * <p><b>Threading.</b> This class is thread-safe. Every change of state (start, a child's exit, a restart,
 * a stop) happens under one lock per supervisor, on the thread that caused it: a child's exit is handled,
 * and its restart done, on the thread that reported the exit, which waits for the lock if another thread
 * holds it. Reads ({@link #snapshot}, {@link #state}, {@link #child}) take the lock only to read and never
 * run a restart or a listener queued by another thread. Locks go from parent to child only: a supervisor
 * reports its own exit to its parent, and calls {@link SupervisionListener listeners}, after releasing its
 * lock. An exit reported by the thread holding the lock (a child exiting as it starts) is handled before
 * it releases the lock. Stopping a child blocks for up to its shutdown timeout.
 *
 * @since 0.1.0
 */
public final class Supervisor {

	private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

	private final String id;

	private final Strategy strategy;

	private final Intensity intensity;

	private final Clock clock;

	private final SupervisionListener listener;

	/** Made at the first restart, as most supervisors never restart a child. */
	private RestartWindow window;

	private final SerialSection section = new SerialSection();

	private final Slots slots;

	private State state = State.NEW;

	private ExitHandler parent;

	Supervisor(SupervisorBuilder builder) {
		this.id = builder.id;
		this.strategy = builder.strategy;
		this.intensity = builder.intensity;
		this.clock = builder.clock;
		this.listener = builder.listener;
		this.slots = new Slots(builder.children.size());
		builder.children.forEach(this.slots::add);
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
		return this.section.call(() -> this.state);
	}

	/**
	 * Starts a root supervisor whose give-up is only logged; see {@link #start(ExitHandler)}.
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
		this.section.run(() -> {
			if (this.state != State.NEW) {
				throw new IllegalStateException("Supervisor '" + this.id + "' was already started");
			}
			this.parent = parent;
			this.state = State.RUNNING;
			for (Slots.Slot slot : this.slots.all()) {
				try {
					startChild(slot);
				}
				catch (Exception ex) {
					stopChildren(this.slots.all());
					this.state = State.FAILED;
					throw new SupervisorStartException(this.id, slot.spec.id(), ex);
				}
			}
		});
	}

	/** Stops every running child in reverse start order, each within its shutdown timeout. */
	public void stop() {
		this.section.run(() -> {
			if (this.state == State.RUNNING) {
				this.state = State.STOPPING;
				stopChildren(this.slots.all());
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
		return this.section.call(() -> {
			Slots.Slot slot = this.slots.find(this.id, childId);
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
		this.section.run(() -> {
			if (this.state != State.RUNNING) {
				throw new IllegalStateException("Supervisor '" + this.id + "' is " + this.state);
			}
			Slots.Slot slot = this.slots.find(this.id, childId);
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
		return this.section.call(() -> this.slots.child(childId));
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
		return this.section.call(() -> new SupervisorSnapshot(this.id, this.strategy, this.intensity, this.state,
				(this.window != null) ? this.window.count(this.clock.instant()) : 0, this.slots.snapshots()));
	}

	private void startChild(Slots.Slot slot) throws Exception {
		slot.start((generation) -> (exit) -> childExited(slot, generation, exit));
	}

	private void childExited(Slots.Slot slot, int generation, Exit exit) {
		this.section.submit(() -> handleExit(slot, generation, exit));
	}

	private void handleExit(Slots.Slot slot, int generation, Exit exit) {
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
	private void restart(Slots.Slot exited, Exit exit) {
		Slots.Slot failed = exited;
		Exit lastExit = exit;
		while (failed != null) {
			if (this.window == null) {
				this.window = new RestartWindow(this.intensity);
			}
			if (!this.window.record(this.clock.instant())) {
				giveUp(lastExit);
				return;
			}
			logger.atLevel(lastExit.repeated() ? Level.DEBUG : Level.INFO) // the child logged a repeat already
				.log("Supervisor '{}' restarting child '{}' after {}", this.id, failed.spec.id(), lastExit.describe());
			List<Slots.Slot> affected = this.slots.affectedBy(this.strategy, failed);
			stopChildren(affected);
			this.slots.dropStoppedTemporarySiblings(affected, failed);
			failed = null;
			for (Slots.Slot slot : affected) {
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

	private void giveUp(Exit lastExit) {
		logger.error("Supervisor '{}' gave up: more than {}; stopping its children", this.id, this.intensity);
		this.state = State.STOPPING;
		stopChildren(this.slots.all());
		this.state = State.FAILED;
		ExitHandler parent = this.parent;
		RestartIntensityExceededException failure = new RestartIntensityExceededException(this.id, this.intensity,
				lastExit);
		notifyListener(() -> this.listener.escalated(this.id, this.intensity));
		this.section.afterUnlock(() -> parent.exited(Exit.abnormal(failure)));
	}

	private void stopChildren(List<Slots.Slot> children) {
		for (int i = children.size() - 1; i >= 0; i--) {
			stopChild(children.get(i));
		}
	}

	private void stopChild(Slots.Slot slot) {
		if (slot.stop(this.id)) {
			notifyListener(() -> this.listener.childStopped(this.id, slot.spec));
		}
	}

	/** Listeners are called after the lock is released; the builder isolates their failures. */
	private void notifyListener(Runnable call) {
		this.section.afterUnlock(call);
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

}
