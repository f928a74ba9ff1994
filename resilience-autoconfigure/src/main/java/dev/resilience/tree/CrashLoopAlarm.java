package dev.resilience.tree;

import java.time.Duration;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.runtime.Failures;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;

/**
 * The crash-loop alarm of one worker: sets {@code <worker>_crashing} when the worker fails
 * {@code alarmAfterFailures} runs in a row, and clears it after {@value #SUCCESSES_TO_CLEAR}
 * successful runs in a row. The alarm's description is the last exception's type and message.
 * With a {@link FailureRateWindow}, a failure rate that reaches its threshold over the window sets
 * the alarm too, and it clears only once the rate has also fallen back.
 *
 * <p><b>Threading.</b> Called after each run of its worker; runs of one worker never overlap and
 * each is handed to the next through the scheduler, so the counters need no lock. A successful
 * run that changes nothing touches only two fields.
 */
final class CrashLoopAlarm implements WorkerListener {

	/** Successful runs in a row that clear a crash-loop alarm. */
	static final int SUCCESSES_TO_CLEAR = 3;

	private final String alarmId;

	private final WorkerAlarms alarms;

	private final int alarmAfterFailures;

	private final Severity severity;

	private int failures;

	private int successes;

	private boolean raised;

	private final FailureRateWindow rate;

	CrashLoopAlarm(String worker, Alarms alarms, int alarmAfterFailures, Severity severity) {
		this(worker, WorkerAlarms.direct(alarms), alarmAfterFailures, severity);
	}

	/**
	 * @param worker the worker's name
	 * @param alarms where the alarm goes: for a worker that depends on checks, its
	 * {@link DependencyGate}, so a failure its dependency caused raises no alarm
	 * @param alarmAfterFailures failed runs in a row that set the alarm
	 * @param severity the alarm's severity
	 */
	CrashLoopAlarm(String worker, WorkerAlarms alarms, int alarmAfterFailures, Severity severity) {
		this(worker, alarms, alarmAfterFailures, severity, null);
	}

	/** As above, plus the failure-rate rule {@code rate} ({@code null}: none): either rule sets, both clear. */
	CrashLoopAlarm(String worker, WorkerAlarms alarms, int alarmAfterFailures, Severity severity,
			FailureRateWindow rate) {
		this.rate = rate;
		this.alarmId = alarmId(worker);
		this.alarms = alarms;
		this.alarmAfterFailures = alarmAfterFailures;
		this.severity = severity;
	}

	/**
	 * @param worker a worker's name
	 * @return the id of its crash-loop alarm
	 */
	static String alarmId(String worker) {
		return worker + "_crashing";
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		boolean rateRaised = (this.rate != null) && this.rate.record(failure != null);
		if (failure != null) {
			this.failures++;
			this.successes = 0;
			if (this.failures >= this.alarmAfterFailures || rateRaised) {
				this.raised = true;
				this.alarms.set(this.alarmId, this.severity, (this.failures >= this.alarmAfterFailures)
						? Failures.describe(failure) : this.rate.describe() + ", the last: " + Failures.describe(failure));
			}
		}
		else {
			this.failures = 0;
			if (++this.successes >= SUCCESSES_TO_CLEAR && this.raised && !rateRaised) {
				this.raised = false;
				this.alarms.clear(this.alarmId);
			}
		}
	}

}
