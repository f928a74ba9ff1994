package dev.resilience.supervisor;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sliding window of a supervisor's recent restarts, as OTP's {@code add_restart}: a restart
 * at {@code now} counts the restarts at or after {@code now - period}. Not thread-safe: the
 * owning supervisor guards it.
 */
final class RestartWindow {

	private final Intensity intensity;

	/** The restarts in the window, newest first; {@code null} until the first, as most never restart. */
	private Deque<Instant> restarts;

	RestartWindow(Intensity intensity) {
		this.intensity = intensity;
	}

	/**
	 * Records a restart.
	 * @param now the time of the restart
	 * @return {@code true} if it is allowed, {@code false} if it is one too many
	 */
	boolean record(Instant now) {
		if (this.restarts == null) {
			this.restarts = new ArrayDeque<>();
		}
		this.restarts.addFirst(now);
		dropBefore(now);
		return this.restarts.size() <= this.intensity.maxRestarts();
	}

	/**
	 * @param now the current time
	 * @return the restarts within the period before {@code now}
	 */
	int count(Instant now) {
		if (this.restarts == null) {
			return 0;
		}
		dropBefore(now);
		return this.restarts.size();
	}

	private void dropBefore(Instant now) {
		Instant threshold = now.minus(this.intensity.period());
		while (!this.restarts.isEmpty() && this.restarts.peekLast().isBefore(threshold)) {
			this.restarts.removeLast();
		}
	}

}
