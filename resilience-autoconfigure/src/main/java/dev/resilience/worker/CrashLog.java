package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one worker's crashes write to the log, kept across the worker's restarts (as its
 * {@link WorkerRuns} are), so that a worker failing the same way over and over writes a few lines
 * rather than a few per crash:
 * <ul>
 * <li>a crash unlike the last one logged (another exception type or message), the worker's first
 * crash included, logs its stack trace at ERROR; numbers do not make a message another one
 * ("Invalid payment for job 88" and "... job 89" are one failure: ids, counts and times change
 * from crash to crash), and the summary shows the latest message;</li>
 * <li>a crash like it is counted; the first run to end, crash or good run, at least one summary
 * interval after the last line about the worker writes one ERROR line with the count, such as
 * "Worker 'payments' crashed 598 more times in 1m, same as before: IllegalStateException:
 * Invalid payment for job 88", whether or not good runs came in between;</li>
 * <li>the first good run after at least {@code recoveryAfter} crashes in a row logs one INFO line
 * "Worker 'payments' recovered after 57 crashes in 2m 13s", which also carries the count not yet
 * written, if any; a shorter streak logs nothing when it ends;</li>
 * <li>a crash unlike the last one first writes the count not yet written of the last one, so no
 * crash goes uncounted in the log.</li>
 * </ul>
 * Meters and events are not this class's business: they count every crash.
 *
 * <p><b>Threading.</b> This class is thread-safe. A crash takes its lock and reads the clock; a
 * good run reads one volatile field and returns, unless a streak ended or a count waits to be
 * written.
 *
 * @since 0.1.0
 */
public final class CrashLog {

	/** The default summary interval: one minute. */
	public static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofMinutes(1);

	/** The default crashes in a row after which a good run logs a recovery: 3. */
	public static final int DEFAULT_RECOVERY_AFTER = 3;

	private static final Logger logger = LoggerFactory.getLogger(CrashLog.class);

	private final String worker;

	private final int recoveryAfter;

	private final Duration summaryInterval;

	private final Clock clock;

	/** Whether a good run has something to do: a streak to end or a count to write. */
	private volatile boolean pending;

	/** What the crashes so far left to remember; {@code null} before the first, as most workers never crash. */
	private Crashes crashes;

	/**
	 * @param worker the worker's name
	 * @param recoveryAfter crashes in a row after which a good run logs a recovery line
	 * @param summaryInterval the least time between two lines about repeated crashes
	 * @param clock tells the time of crashes
	 */
	public CrashLog(String worker, int recoveryAfter, Duration summaryInterval, Clock clock) {
		this.worker = Objects.requireNonNull(worker, "worker");
		if (recoveryAfter < 1) {
			throw new IllegalArgumentException("recoveryAfter must be 1 or more, not " + recoveryAfter);
		}
		Objects.requireNonNull(summaryInterval, "summaryInterval");
		if (summaryInterval.isZero() || summaryInterval.isNegative()) {
			throw new IllegalArgumentException("summaryInterval must be positive, not " + summaryInterval);
		}
		this.recoveryAfter = recoveryAfter;
		this.summaryInterval = summaryInterval;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * @param worker the worker's name
	 * @param clock tells the time of crashes
	 * @return a crash log with the default recovery streak and summary interval
	 */
	public static CrashLog withDefaults(String worker, Clock clock) {
		return new CrashLog(worker, DEFAULT_RECOVERY_AFTER, DEFAULT_SUMMARY_INTERVAL, clock);
	}

	/**
	 * Logs a crash, or counts it when it repeats the failure logged last.
	 * @param failure what the run threw
	 * @param streak the worker's failed runs in a row, this one included (its state's streak)
	 * @return {@code true} if it repeats the failure logged last (so its stack trace was not
	 * logged): the supervisor then logs the restart at DEBUG
	 */
	public synchronized boolean crashed(Throwable failure, int streak) {
		Instant now = this.clock.instant();
		if (this.crashes == null) {
			this.crashes = new Crashes();
		}
		if (streak <= 1 || this.crashes.streakStart == null) {
			this.crashes.streakStart = now;
		}
		this.pending = true;
		String message = failure.getMessage();
		if (failure.getClass() != this.crashes.type || !sameButForNumbers(message, this.crashes.message)) {
			writeRepeats(now);
			logger.error("Worker '{}' crashed", this.worker, failure);
			this.crashes.type = failure.getClass();
			this.crashes.message = message;
			wrote(now);
			return false;
		}
		this.crashes.message = message;
		this.crashes.repeats++;
		if (!now.isBefore(this.crashes.summaryDue)) {
			writeRepeats(now);
		}
		return true;
	}

	/**
	 * A run ended well: ends a streak, and writes the count of repeats if it is due.
	 * @param endedStreak the worker's failed runs in a row before this run (its state's streak)
	 */
	public void succeeded(int endedStreak) {
		if (this.pending) {
			afterCrashes(endedStreak);
		}
	}

	private synchronized void afterCrashes(int streak) {
		Instant now = this.clock.instant();
		if (streak >= this.recoveryAfter && this.crashes.streakStart != null) {
			String recovered = "Worker '" + this.worker + "' recovered after " + streak
					+ ((streak == 1) ? " crash in " : " crashes in ")
					+ text(Duration.between(this.crashes.streakStart, now));
			if (this.crashes.repeats > 0) {
				logger.info("{} ({} more since the last line, same as before: {})", recovered, this.crashes.repeats,
						describe());
			}
			else {
				logger.info(recovered);
			}
			wrote(now);
		}
		else if (this.crashes.repeats > 0 && !now.isBefore(this.crashes.summaryDue)) {
			writeRepeats(now);
		}
		this.crashes.streakStart = null;
		this.pending = this.crashes.repeats > 0;
	}

	private void writeRepeats(Instant now) {
		if (this.crashes.repeats > 0) {
			logger.error("Worker '{}' crashed {} more {} in {}, same as before: {}", this.worker, this.crashes.repeats,
					(this.crashes.repeats == 1) ? "time" : "times", text(Duration.between(this.crashes.lastLine, now)),
					describe());
			wrote(now);
		}
	}

	private void wrote(Instant now) {
		this.crashes.lastLine = now;
		this.crashes.summaryDue = now.plus(this.summaryInterval);
		this.crashes.repeats = 0;
	}

	private String describe() {
		Class<?> type = this.crashes.type;
		String name = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
		return (this.crashes.message != null) ? name + ": " + this.crashes.message : name;
	}

	/**
	 * @param a a message, or {@code null}
	 * @param b another, or {@code null}
	 * @return whether they are equal once every run of digits is taken as equal to any other
	 */
	static boolean sameButForNumbers(String a, String b) {
		if (a == null || b == null) {
			return a == b;
		}
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
				i = afterDigits(a, i);
				j = afterDigits(b, j);
			}
			else if (a.charAt(i++) != b.charAt(j++)) {
				return false;
			}
		}
		return i == a.length() && j == b.length();
	}

	private static int afterDigits(String text, int from) {
		int at = from;
		while (at < text.length() && isDigit(text.charAt(at))) {
			at++;
		}
		return at;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * @param duration a duration
	 * @return it for people, to the second, zero parts left out: {@code 2m 13s}, {@code 1h 5s};
	 * under a second in milliseconds: {@code 250ms}
	 */
	static String text(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds < 1) {
			return Math.max(0, duration.toMillis()) + "ms";
		}
		StringBuilder text = new StringBuilder();
		part(text, seconds / 86_400, "d");
		part(text, seconds / 3_600 % 24, "h");
		part(text, seconds / 60 % 60, "m");
		part(text, seconds % 60, "s");
		return text.toString();
	}

	private static void part(StringBuilder text, long value, String unit) {
		if (value > 0) {
			text.append(text.isEmpty() ? "" : " ").append(value).append(unit);
		}
	}

	/** The state of a worker's crashes, guarded by its crash log's lock. */
	private static final class Crashes {

		/** The type of the failure last logged with its stack trace. */
		private Class<?> type;

		private String message;

		/** When the last line about this worker was written. */
		private Instant lastLine;

		/** From when a summary may be written. */
		private Instant summaryDue;

		/** Crashes like the last one logged, since the last line. */
		private long repeats;

		/** When the worker's current failure streak began: its first crash; {@code null} between streaks. */
		private Instant streakStart;

	}

}
