package dev.resilience.autoconfigure.event;

import java.time.Duration;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckState;
import dev.resilience.event.AlarmClearedEvent;
import dev.resilience.event.AlarmSetEvent;
import dev.resilience.event.CheckStateChangedEvent;
import dev.resilience.event.SupervisorEscalatedEvent;
import dev.resilience.event.WorkerCrashedEvent;
import dev.resilience.event.WorkerRestartedEvent;
import dev.resilience.event.WorkerStoppedEvent;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes what the runtime does as application events, for monitors: every event goes the same
 * way, as a listener of the runtime (worker, supervision and check listeners, and an alarm
 * handler), called through the runtime's isolating listener groups, so a failing
 * {@code @EventListener} is logged once and harms nothing.
 *
 * <ul>
 * <li>{@link WorkerCrashedEvent}, {@link WorkerRestartedEvent}, {@link WorkerStoppedEvent},
 * {@link SupervisorEscalatedEvent}: on the thread that caused them;</li>
 * <li>{@link CheckStateChangedEvent}: on the check's thread;</li>
 * <li>{@link AlarmSetEvent}, {@link AlarmClearedEvent}: on the handler thread of this publisher,
 * in the order the transitions happened, never under the alarm list's lock.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class ResilienceEventPublisher implements WorkerListener, SupervisionListener, CheckListener, AlarmHandler {

	private final ApplicationEventPublisher publisher;

	/**
	 * @param publisher where events go
	 */
	public ResilienceEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
		if (failure != null) {
			this.publisher.publishEvent(new WorkerCrashedEvent(worker, outcome, failure));
		}
	}

	@Override
	public void childRestarted(String supervisor, ChildSpec child) {
		if (child.type() == ChildSpec.Type.WORKER) {
			this.publisher.publishEvent(new WorkerRestartedEvent(child.id(), supervisor));
		}
	}

	@Override
	public void childStopped(String supervisor, ChildSpec child) {
		if (child.type() == ChildSpec.Type.WORKER) {
			this.publisher.publishEvent(new WorkerStoppedEvent(child.id(), supervisor));
		}
	}

	@Override
	public void escalated(String supervisor, Intensity intensity) {
		this.publisher.publishEvent(new SupervisorEscalatedEvent(supervisor, intensity));
	}

	@Override
	public void stateChanged(String check, CheckState from, CheckState to, String reason) {
		this.publisher.publishEvent(new CheckStateChangedEvent(check, from, to, reason));
	}

	@Override
	public void onSet(Alarm alarm) {
		this.publisher.publishEvent(new AlarmSetEvent(alarm));
	}

	@Override
	public void onClear(Alarm alarm) {
		this.publisher.publishEvent(new AlarmClearedEvent(alarm));
	}

	@Override
	public String name() {
		return "events";
	}

}
