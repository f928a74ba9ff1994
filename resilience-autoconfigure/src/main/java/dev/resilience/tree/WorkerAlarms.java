package dev.resilience.tree;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;

/**
 * Where the alarms a worker raises about itself ({@code <name>_crashing},
 * {@code <name>_lock_unavailable}) go: straight to the alarm list, or, for a worker that depends
 * on checks, through its {@link DependencyGate}.
 */
interface WorkerAlarms {

	/**
	 * Sets an alarm, or updates a set one.
	 * @param id the alarm's id
	 * @param severity how bad it is
	 * @param description what is wrong, for people
	 */
	void set(String id, Severity severity, String description);

	/**
	 * Clears an alarm; does nothing if it is not set.
	 * @param id the alarm's id
	 */
	void clear(String id);

	/**
	 * @param alarms the alarm list
	 * @return alarms that go straight to the list
	 */
	static WorkerAlarms direct(Alarms alarms) {
		return new WorkerAlarms() {

			@Override
			public void set(String id, Severity severity, String description) {
				alarms.set(id, severity, description);
			}

			@Override
			public void clear(String id) {
				alarms.clear(id);
			}

		};
	}

}
