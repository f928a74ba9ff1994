package dev.resilience.check;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.resilience.alarm.Alarms;
import dev.resilience.runtime.Failures;
import dev.resilience.runtime.Listeners;
import dev.resilience.runtime.UserText;
import dev.resilience.runtime.Watchdog;
import dev.resilience.worker.Trigger;
import dev.resilience.worker.WorkerJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a dependency check, as a supervised worker's job: runs the check bounded by its
 * timeout, feeds the {@link CheckStateMachine}, sets the check's alarm on every failure (also
 * while already DEGRADED) and clears it when the check becomes CONNECTED.
 *
 * <p>The timeout is a {@link Watchdog} guard taken on the worker's thread as the check starts: a
 * check past it is interrupted. A check that ran past its timeout fails with a
 * {@link CheckTimeoutException} whatever it then did (returned, or threw what the interrupt made
 * it throw), and so does one that threw {@link InterruptedException}. An interrupt the guard
 * sent never outlives the check, even one that throws an {@link Error}.
 *
 * <p>Failures that the application reports for the check go to its {@link #passive()} detector,
 * which may trigger a run at once; that run tells its listener {@code triggered} first.
 *
 * <p><b>Threading.</b> This class is thread-safe; its worker runs it one run at a time, and
 * {@link #state()} and {@link #snapshot()} may be read from any thread. The listener is called on
 * the worker's thread, outside the lock, through {@link Listeners}.
 *
 * @since 0.1.0
 */
public final class CheckRunner implements WorkerJob {

	private static final Logger logger = LoggerFactory.getLogger(CheckRunner.class);

	private final CheckSettings settings;

	private final DependencyCheck check;

	private final Alarms alarms;

	private final Watchdog watchdog;

	private final Listeners<CheckListener> listeners;

	private final Clock clock;

	private final CheckStateMachine machine;

	private final LongSupplier nanoTime;

	private final PassiveDetector passive;

	/**
	 * @param settings how the check runs
	 * @param check the check
	 * @param alarms where its alarm goes
	 * @param watchdog interrupts a check past its timeout
	 * @param listener hears runs and state changes
	 * @param clock tells the time of failures
	 */
	public CheckRunner(CheckSettings settings, DependencyCheck check, Alarms alarms, Watchdog watchdog,
			CheckListener listener, Clock clock) {
		this(settings, check, alarms, watchdog, listener, clock, System::nanoTime);
	}

	/**
	 * @param settings how the check runs
	 * @param check the check
	 * @param alarms where its alarm goes
	 * @param watchdog interrupts a check past its timeout
	 * @param listener hears runs and state changes
	 * @param clock tells the time of failures
	 * @param nanoTime the monotonic time a check's duration is measured on: the tree's timer's
	 * ({@link dev.resilience.runtime.Timer#nanoTime()}), so that virtual time measures it too
	 */
	public CheckRunner(CheckSettings settings, DependencyCheck check, Alarms alarms, Watchdog watchdog,
			CheckListener listener, Clock clock, LongSupplier nanoTime) {
		this(settings, check, alarms, watchdog, listener, clock, nanoTime, () -> Trigger.NOT_RUNNING);
	}

	/**
	 * @param settings how the check runs
	 * @param check the check
	 * @param alarms where its alarm goes
	 * @param watchdog interrupts a check past its timeout
	 * @param listener hears runs and state changes
	 * @param clock tells the time of failures
	 * @param nanoTime the monotonic time a check's duration is measured on: the tree's timer's
	 * ({@link dev.resilience.runtime.Timer#nanoTime()}), so that virtual time measures it too
	 * @param trigger asks the check's worker to run it now, on its own thread: what
	 * {@link #passive()} calls when reported failures reach {@link CheckSettings#passiveFailures()}
	 */
	public CheckRunner(CheckSettings settings, DependencyCheck check, Alarms alarms, Watchdog watchdog,
			CheckListener listener, Clock clock, LongSupplier nanoTime, Supplier<Trigger> trigger) {
		this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
		this.settings = settings;
		this.check = check;
		this.alarms = alarms;
		this.watchdog = watchdog;
		this.listeners = new Listeners<>("check listener", List.of(listener));
		this.clock = clock;
		this.machine = new CheckStateMachine(settings.name(), settings.passingChecks());
		this.passive = new PassiveDetector(settings.name(), settings.passiveFailures(), settings.timeout(), nanoTime,
				() -> state() == CheckState.CONNECTED, trigger);
	}

	/** @return the detector that reported failures of this check go to */
	public PassiveDetector passive() {
		return this.passive;
	}

	/** @return the check's settings */
	public CheckSettings settings() {
		return this.settings;
	}

	/** @return the check's current state; cheaper than {@link #snapshot()} */
	public synchronized CheckState state() {
		return this.machine.state();
	}

	/** @return the check as it is now */
	public synchronized CheckSnapshot snapshot() {
		return this.machine.snapshot(this.passive.consecutiveFailures(), this.passive.threshold(),
				this.passive.triggers());
	}

	/**
	 * Runs the check once, feeds the state machine, sets or clears the alarm and tells the
	 * listener.
	 * @return {@code true}: a check runs again after its interval
	 */
	@Override
	public boolean runOnce() {
		PassiveDetector.Triggered triggered = this.passive.takeTriggered();
		if (triggered != null) {
			logger.info("Check '{}' runs now: {} failed calls reported in a row, the last: {}", this.settings.name(),
					triggered.failures(),
					(triggered.last() != null) ? UserText.oneLine(Failures.describe(triggered.last())) : "(none given)");
			this.listeners.each(this.settings.name(),
					(listener) -> listener.triggered(this.settings.name(), triggered.failures()));
		}
		Throwable failure = runCheck();
		CheckState before;
		CheckState after;
		CheckSnapshot status;
		synchronized (this) {
			before = this.machine.state();
			if (failure == null) {
				this.machine.passed();
			}
			else {
				this.machine.failed(failure, this.clock.instant());
			}
			after = this.machine.state();
			status = this.machine.snapshot();
		}
		if (failure != null) {
			this.alarms.set(this.settings.alarm(), this.settings.severity(),
					"check '" + this.settings.name() + "' failed: " + Failures.describe(failure));
		}
		else if (after == CheckState.CONNECTED) {
			this.alarms.clear(this.settings.alarm());
		}
		if (before != after) {
			String reason = (after == CheckState.CONNECTED)
					? this.settings.passingChecks() + " checks in a row passed" : status.reason();
			logger.info("Check '{}' is now {}: {}", this.settings.name(), after, UserText.oneLine(reason));
			this.listeners.each(this.settings.name(),
					(listener) -> listener.stateChanged(this.settings.name(), before, after, reason));
		}
		return true;
	}

	private Throwable runCheck() {
		long start = this.nanoTime.getAsLong();
		Watchdog.Guard guard = this.watchdog.guard(this.settings.timeout());
		Throwable failure = null;
		try {
			this.check.check();
		}
		catch (Exception ex) {
			failure = ex;
		}
		catch (Error ex) {
			guard.end(); // the guard's interrupt must not outlive the check, even now
			throw ex;
		}
		boolean timedOut = guard.end() && guard.timedOut();
		Duration took = Duration.ofNanos(this.nanoTime.getAsLong() - start);
		if (timedOut || took.compareTo(this.settings.timeout()) > 0 || failure instanceof InterruptedException) {
			failure = new CheckTimeoutException(this.settings.name(), this.settings.timeout(), failure);
		}
		boolean passed = failure == null;
		this.listeners.each(this.settings.name(), (listener) -> listener.checked(this.settings.name(), passed, took));
		return failure;
	}

	/**
	 * A check that ran past its timeout.
	 *
	 * @since 0.1.0
	 */
	public static class CheckTimeoutException extends Exception {

		CheckTimeoutException(String check, Duration timeout, Throwable cause) {
			super("check '" + check + "' took longer than " + timeout, cause, false, false);
		}

	}

}
