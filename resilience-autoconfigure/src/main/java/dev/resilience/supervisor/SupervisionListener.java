package dev.resilience.supervisor;

import java.util.List;

import dev.resilience.runtime.Listeners;


/**
 * Hears what a {@link Supervisor} does to its children: the hook for monitors, events and
 * meters.
 *
 * <p>Methods are called after the supervisor has released its lock, on the thread that caused
 * the change. An exception thrown by a listener is logged and otherwise ignored: it never
 * affects supervision. Listeners should return quickly.
 *
 * @since 0.1.0
 */
public interface SupervisionListener {

	/** A listener that does nothing. */
	SupervisionListener NONE = new SupervisionListener() {
	};

	/**
	 * A child exited on its own.
	 * @param supervisor the supervisor's id
	 * @param child the child's spec
	 * @param exit why it exited
	 */
	default void childExited(String supervisor, ChildSpec child, Exit exit) {
	}

	/**
	 * A child was restarted, after its own exit or because of a sibling's, as the strategy
	 * says.
	 * @param supervisor the supervisor's id
	 * @param child the child's spec
	 */
	default void childRestarted(String supervisor, ChildSpec child) {
	}

	/**
	 * A running child was stopped by its supervisor: at shutdown, by a strategy, on request, or
	 * because the supervisor gave up.
	 * @param supervisor the supervisor's id
	 * @param child the child's spec
	 */
	default void childStopped(String supervisor, ChildSpec child) {
	}

	/**
	 * The supervisor exceeded its restart intensity, stopped its children and failed to its
	 * parent (escalation), or, for a root, gave up.
	 * @param supervisor the supervisor's id
	 * @param intensity the intensity it exceeded
	 */
	default void escalated(String supervisor, Intensity intensity) {
	}

	/**
	 * @param listeners listeners to call in order
	 * @return one listener calling each of them, isolated as {@link Listeners} does
	 */
	static SupervisionListener composite(List<? extends SupervisionListener> listeners) {
		Listeners<SupervisionListener> all = new Listeners<>("Supervision listener", listeners);
		return new SupervisionListener() {

			@Override
			public void childExited(String supervisor, ChildSpec child, Exit exit) {
				all.each(child.id(), (listener) -> listener.childExited(supervisor, child, exit));
			}

			@Override
			public void childRestarted(String supervisor, ChildSpec child) {
				all.each(child.id(), (listener) -> listener.childRestarted(supervisor, child));
			}

			@Override
			public void childStopped(String supervisor, ChildSpec child) {
				all.each(child.id(), (listener) -> listener.childStopped(supervisor, child));
			}

			@Override
			public void escalated(String supervisor, Intensity intensity) {
				all.each(supervisor, (listener) -> listener.escalated(supervisor, intensity));
			}

		};
	}

}
