package dev.resilience.tree;

/**
 * A count-based sliding window over a worker's last runs that raises when their failure rate
 * reaches a threshold and lowers, with hysteresis, only once it has fallen to a lower one: the
 * failure-rate rule of the crash-loop alarm, after the count-based sliding windows of
 * Resilience4j's circuit breaker.
 *
 * <p>The window holds the outcomes of the last {@code size} runs. The rule is judged only once it
 * is full (Resilience4j's {@code minimumNumberOfCalls} equal to the window), so a first failure is
 * not a 100% failure rate. It raises when {@code failures * 100 >= raisePercent * size} and lowers
 * when {@code failures * 100 <= lowerPercent * size}; between the two it stays as it is, so a
 * worker failing every third run with {@code raisePercent} 25 raises once and stays raised.
 *
 * <p><b>Threading.</b> Not thread-safe: fed by one worker's runs, which never overlap and are
 * handed from one to the next through the scheduler.
 *
 * @since 0.1.0
 */
public final class FailureRateWindow {

	private final boolean[] failed;

	private final int raisePercent;

	private final int lowerPercent;

	private int next;

	private int runs;

	private int failures;

	private boolean raised;

	/**
	 * A window that lowers at half the rate it raises at (rounded down).
	 * @param size the number of runs in the window, 1 or more
	 * @param raisePercent the failure rate that raises, in percent, 1 to 100
	 * @return the window, lowered and empty
	 * @throws IllegalArgumentException for a size or percentage out of range
	 */
	public static FailureRateWindow of(int size, int raisePercent) {
		return new FailureRateWindow(size, raisePercent, raisePercent / 2);
	}

	/**
	 * @param size the number of runs in the window, 1 or more
	 * @param raisePercent the failure rate that raises, in percent, 1 to 100
	 * @param lowerPercent the failure rate at or below which it lowers again, in percent, 0 or
	 * more and below {@code raisePercent}
	 * @throws IllegalArgumentException for a size or percentage out of range
	 */
	public FailureRateWindow(int size, int raisePercent, int lowerPercent) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be 1 or more, was " + size);
		}
		if (raisePercent < 1 || raisePercent > 100) {
			throw new IllegalArgumentException("raisePercent must be 1 to 100, was " + raisePercent);
		}
		if (lowerPercent < 0 || lowerPercent >= raisePercent) {
			throw new IllegalArgumentException(
					"lowerPercent must be 0 or more and below raisePercent (" + raisePercent + "), was " + lowerPercent);
		}
		this.failed = new boolean[size];
		this.raisePercent = raisePercent;
		this.lowerPercent = lowerPercent;
	}

	/**
	 * Records one run, pushing the oldest out of a full window, and judges the rule.
	 * @param failure whether the run failed
	 * @return whether the rule is raised after this run
	 */
	public boolean record(boolean failure) {
		int size = this.failed.length;
		if (this.runs == size) {
			if (this.failed[this.next]) {
				this.failures--;
			}
		}
		else {
			this.runs++;
		}
		this.failed[this.next] = failure;
		if (failure) {
			this.failures++;
		}
		this.next = (this.next + 1) % size;
		if (this.runs == size) {
			if (!this.raised && this.failures * 100 >= this.raisePercent * size) {
				this.raised = true;
			}
			else if (this.raised && this.failures * 100 <= this.lowerPercent * size) {
				this.raised = false;
			}
		}
		return this.raised;
	}

	/** @return whether the rule is raised */
	public boolean raised() {
		return this.raised;
	}

	/** @return the failed runs among those in the window */
	public int failures() {
		return this.failures;
	}

	/** @return the runs in the window: the runs recorded so far, at most its size */
	public int runs() {
		return this.runs;
	}

	/** @return what the window holds, such as {@code "7 of the last 20 runs failed"} */
	public String describe() {
		return this.failures + " of the last " + this.runs + " runs failed";
	}

}
