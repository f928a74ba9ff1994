package dev.resilience.tree;

import java.time.Duration;
import java.util.function.IntSupplier;

import dev.resilience.alarm.Severity;
import dev.resilience.runtime.Failures;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;

/**
 * The crash-loop alarm of one worker: sets {@code <worker>_crashing} when the worker's failure
 * streak (its state's, which the crash log reads too) reaches {@code alarmAfterFailures}, and clears it after {@value #SUCCESSES_TO_CLEAR}
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

	private final IntSupplier streak;

	private int successes;

	private boolean raised;

	private final FailureRateWindow rate;

	/**
	 * @param worker the worker's name
	 * @param streak the worker's failed runs in a row, already moved by the run being heard
	 * ({@link dev.resilience.worker.WorkerRuns#consecutiveFailures()})
	 * @param alarms where the alarm goes: for a worker that depends on checks, its
	 * {@link DependencyGate}, so a failure its dependency caused raises no alarm
	 * @param alarmAfterFailures failed runs in a row that set the alarm
	 * @param severity the alarm's severity
	 * @param rate the failure-rate rule ({@code null}: none): either rule sets, both clear
	 */
	CrashLoopAlarm(String worker, IntSupplier streak, WorkerAlarms alarms, int alarmAfterFailures,
			Severity severity, FailureRateWindow rate) {
		this.streak = streak;
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
			boolean streakRaised = this.streak.getAsInt() >= this.alarmAfterFailures;
			this.successes = 0;
			if (streakRaised || rateRaised) {
				this.raised = true;
				this.alarms.set(this.alarmId, this.severity, streakRaised
						? Failures.describe(failure) : this.rate.describe() + ", the last: " + Failures.describe(failure));
			}
		}
		else {
			if (++this.successes >= SUCCESSES_TO_CLEAR && this.raised && !rateRaised) {
				this.raised = false;
				this.alarms.clear(this.alarmId);
			}
		}
	}

}
