package dev.resilience.alarm;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;

/**
 * Raises {@code <worker>_crashing} when a worker fails too many runs in a row, and clears it
 * after {@value #SUCCESSES_TO_CLEAR} successful runs in a row. The alarm's description is the
 * last exception's type and message.
 *
 * <p>This class is thread-safe.
 */
public final class CrashLoopAlarms implements WorkerListener {

	/** Successful runs in a row that clear a crash-loop alarm. */
	public static final int SUCCESSES_TO_CLEAR = 3;

	private final Alarms alarms;

	private final Function<String, Policy> policies;

	private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

	/**
	 * @param alarms where the alarms go
	 * @param policies the policy of each worker, by name
	 */
	public CrashLoopAlarms(Alarms alarms, Function<String, Policy> policies) {
		this.alarms = Objects.requireNonNull(alarms, "alarms");
		this.policies = Objects.requireNonNull(policies, "policies");
	}

	/**
	 * @param worker a worker's name
	 * @return the id of its crash-loop alarm
	 */
	public static String alarmId(String worker) {
		return worker + "_crashing";
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		Policy policy = this.policies.apply(worker);
		Streak streak = this.streaks.computeIfAbsent(worker, (name) -> new Streak());
		synchronized (streak) {
			if (failure != null) {
				streak.failures++;
				streak.successes = 0;
				if (streak.failures >= policy.alarmAfterFailures()) {
					this.alarms.set(alarmId(worker), policy.severity(), describe(failure));
				}
			}
			else {
				streak.successes++;
				streak.failures = 0;
				if (streak.successes >= SUCCESSES_TO_CLEAR) {
					this.alarms.clear(alarmId(worker));
				}
			}
		}
	}

	private static String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getClass().getName() + ": " + failure.getMessage()
				: failure.getClass().getName();
	}

	/**
	 * When a worker's crash loop raises an alarm.
	 *
	 * @param alarmAfterFailures failed runs in a row that set the alarm, 1 or more
	 * @param severity the alarm's severity
	 */
	public record Policy(int alarmAfterFailures, Severity severity) {

		/** The default: 3 failed runs, {@link Severity#MINOR}. */
		public static final Policy DEFAULT = new Policy(3, Severity.MINOR);

		public Policy {
			Objects.requireNonNull(severity, "severity");
			if (alarmAfterFailures < 1) {
				throw new IllegalArgumentException("alarmAfterFailures must be 1 or more, was " + alarmAfterFailures);
			}
		}

	}

	private static final class Streak {

		private int failures;

		private int successes;

	}

}
