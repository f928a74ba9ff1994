package dev.resilience.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AlarmObserver} for tests that records everything it hears.
 */
class RecordingAlarmObserver implements AlarmObserver {

	private final List<AlarmTransition> transitions = new ArrayList<>();

	private final List<String> severityChanges = new ArrayList<>();

	private final List<HandlerFailure> handlerFailures = new ArrayList<>();

	private final List<RemedyRun> remedyRuns = new ArrayList<>();

	@Override
	public synchronized void transition(AlarmTransition transition) {
		this.transitions.add(transition);
	}

	@Override
	public synchronized void severityChanged(Alarm alarm, Severity previous) {
		this.severityChanges.add(alarm.id() + " " + previous + "->" + alarm.severity());
	}

	@Override
	public synchronized void handlerFailed(String handler, Throwable failure) {
		this.handlerFailures.add(new HandlerFailure(handler, failure));
	}

	@Override
	public synchronized void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
		this.remedyRuns.add(new RemedyRun(alarm, outcome, duration));
	}

	synchronized List<AlarmTransition> transitions() {
		return List.copyOf(this.transitions);
	}

	/** @return the severity changes so far as {@code "id MINOR->MAJOR"}, oldest first */
	synchronized List<String> severityChanges() {
		return List.copyOf(this.severityChanges);
	}

	synchronized List<HandlerFailure> handlerFailures() {
		return List.copyOf(this.handlerFailures);
	}

	synchronized List<RemedyRun> remedyRuns() {
		return List.copyOf(this.remedyRuns);
	}

	/** @return the outcomes of the remedy runs so far, oldest first */
	synchronized List<RemedyOutcome> remedyOutcomes() {
		return this.remedyRuns.stream().map(RemedyRun::outcome).toList();
	}

	/**
	 * A handler failure as reported.
	 *
	 * @param handler the handler's name
	 * @param failure what went wrong
	 */
	record HandlerFailure(String handler, Throwable failure) {

	}

	/**
	 * A remedy run as reported.
	 *
	 * @param alarm the alarm's id
	 * @param outcome how it ended
	 * @param duration how long it ran
	 */
	record RemedyRun(String alarm, RemedyOutcome outcome, Duration duration) {

	}

}
