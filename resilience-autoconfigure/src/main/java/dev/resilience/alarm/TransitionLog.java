package dev.resilience.alarm;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent transitions, oldest first, at most a given number: the history of an alarm
 * list. Not thread-safe: {@link Alarms} uses it under its lock.
 */
final class TransitionLog {

	private final ArrayDeque<AlarmTransition> transitions;

	private final int size;

	/**
	 * @param size how many transitions to keep, 0 or more
	 */
	TransitionLog(int size) {
		this.size = size;
		this.transitions = new ArrayDeque<>(Math.min(size, 1024));
	}

	/**
	 * Keeps a transition, dropping the oldest one when full.
	 * @param transition the transition
	 */
	void add(AlarmTransition transition) {
		if (this.size > 0) {
			if (this.transitions.size() == this.size) {
				this.transitions.removeFirst();
			}
			this.transitions.addLast(transition);
		}
	}

	/** @return the transitions kept, oldest first */
	List<AlarmTransition> list() {
		return List.copyOf(this.transitions);
	}

}
