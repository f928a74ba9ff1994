package dev.resilience.worker;

import java.time.Instant;

/**
 * What is known about one worker across its restarts: runs, the current streak of failures, the
 * last failure and the next run. Kept by the worker's child spec, so a restarted worker
 * continues it.
 *
 * <p>This class is thread-safe: written by the worker's runs, read by anyone.
 */
public final class WorkerStatus {

	private final String name;

	private long runs;

	private int consecutiveFailures;

	private Failure lastFailure;

	private long nextRunNanos;

	private boolean scheduled;

	private boolean running;

	/**
	 * @param name the worker's name
	 */
	public WorkerStatus(String name) {
		this.name = name;
	}

	/** @return the worker's name */
	public String name() {
		return this.name;
	}

	/** @return how many runs ended, whatever their outcome */
	public synchronized long runs() {
		return this.runs;
	}

	/** @return failed runs since the last successful one */
	public synchronized int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	/** @return the last failed run, or {@code null} if none failed */
	public synchronized Failure lastFailure() {
		return this.lastFailure;
	}

	/** @return when the next run is due (wall-clock time), or {@code null} if none is scheduled */
	public synchronized Instant nextRun() {
		return this.scheduled ? Instant.now().plusNanos(this.nextRunNanos - System.nanoTime()) : null;
	}

	/** @return whether a run is in progress */
	public synchronized boolean running() {
		return this.running;
	}

	synchronized void runStarted() {
		this.running = true;
		this.scheduled = false;
	}

	/**
	 * Records the end of a run.
	 * @param failure what it threw, or {@code null}
	 * @param at when it ended; used only after a failure, may be {@code null} after a success
	 * @return the failed runs in a row, this one included (0 after a success)
	 */
	synchronized int runEnded(Throwable failure, Instant at) {
		this.running = false;
		this.runs++;
		if (failure == null) {
			this.consecutiveFailures = 0;
		}
		else {
			this.consecutiveFailures++;
			this.lastFailure = new Failure(failure.getClass().getName(), failure.getMessage(), at);
		}
		return this.consecutiveFailures;
	}

	/**
	 * Records that the next run is due.
	 * @param nanoTime when, on the {@link System#nanoTime()} scale (cheaper than reading a clock
	 * on every run)
	 */
	synchronized void scheduled(long nanoTime) {
		this.nextRunNanos = nanoTime;
		this.scheduled = true;
	}

	/** Records that no run is due. */
	synchronized void unscheduled() {
		this.scheduled = false;
	}

	/**
	 * A failed run.
	 *
	 * @param type the exception's class name
	 * @param message the exception's message, may be {@code null}
	 * @param at when the run ended
	 */
	public record Failure(String type, String message, Instant at) {
	}

}
