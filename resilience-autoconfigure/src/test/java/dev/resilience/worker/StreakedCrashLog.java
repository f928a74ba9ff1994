package dev.resilience.worker;

import java.time.Clock;
import java.time.Duration;

/**
 * A {@link CrashLog} called as a worker calls it: with the worker's streak, kept here as its
 * state keeps it (one more per crash, zero after a good run).
 */
final class StreakedCrashLog {

	private final CrashLog log;

	private int streak;

	StreakedCrashLog(CrashLog log) {
		this.log = log;
	}

	StreakedCrashLog(String worker, int recoveryAfter, Duration summaryInterval, Clock clock) {
		this(new CrashLog(worker, recoveryAfter, summaryInterval, clock));
	}

	boolean crashed(Throwable failure) {
		return this.log.crashed(failure, ++this.streak);
	}

	void succeeded() {
		int ended = this.streak;
		this.streak = 0;
		this.log.succeeded(ended);
	}

}
