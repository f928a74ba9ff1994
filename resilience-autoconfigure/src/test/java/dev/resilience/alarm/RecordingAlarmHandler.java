package dev.resilience.alarm;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AlarmHandler} for tests that records every call: what happened, to which alarm, on
 * which thread and when.
 */
class RecordingAlarmHandler implements AlarmHandler {

	private final String name;

	private final List<Call> calls = new ArrayList<>();

	RecordingAlarmHandler(String name) {
		this.name = name;
	}

	@Override
	public void onSet(Alarm alarm) throws Exception {
		record(AlarmTransition.Action.SET, alarm);
	}

	@Override
	public void onClear(Alarm alarm) throws Exception {
		record(AlarmTransition.Action.CLEARED, alarm);
	}

	@Override
	public String name() {
		return this.name;
	}

	/** @return every call so far, oldest first */
	List<Call> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	/** @return every call so far as {@code "SET id"} or {@code "CLEARED id"}, oldest first */
	List<String> events() {
		return calls().stream().map((call) -> call.action() + " " + call.alarm().id()).toList();
	}

	private void record(AlarmTransition.Action action, Alarm alarm) {
		synchronized (this.calls) {
			this.calls.add(new Call(action, alarm, Thread.currentThread(), System.nanoTime()));
		}
	}

	/**
	 * One call of the handler.
	 *
	 * @param action onSet or onClear
	 * @param alarm the alarm it was given
	 * @param thread the thread it ran on
	 * @param nanoTime when it started, in {@link System#nanoTime()}
	 */
	record Call(AlarmTransition.Action action, Alarm alarm, Thread thread, long nanoTime) {

	}

}
