package dev.resilience.tree;

import java.time.Duration;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;

/**
 * A {@link CrashLoopAlarm} heard as in a tree: the worker's streak moves (as its state's does on
 * the run's outcome) before the alarm hears of the run.
 */
final class StreakedCrashLoopAlarm implements WorkerListener {

	private int streak;

	private final CrashLoopAlarm alarm;

	private StreakedCrashLoopAlarm(String worker, WorkerAlarms alarms, int alarmAfterFailures, Severity severity,
			FailureRateWindow rate) {
		this.alarm = new CrashLoopAlarm(worker, () -> this.streak, alarms, alarmAfterFailures, severity, rate);
	}

	static WorkerListener of(String worker, Alarms alarms, int alarmAfterFailures, Severity severity) {
		return new StreakedCrashLoopAlarm(worker, WorkerAlarms.direct(alarms), alarmAfterFailures, severity, null);
	}

	static WorkerListener of(String worker, WorkerAlarms alarms, int alarmAfterFailures, Severity severity,
			FailureRateWindow rate) {
		return new StreakedCrashLoopAlarm(worker, alarms, alarmAfterFailures, severity, rate);
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		this.streak = (failure != null) ? this.streak + 1 : 0;
		this.alarm.runFinished(worker, outcome, duration, failure);
	}

}
