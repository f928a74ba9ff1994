package dev.resilience.autoconfigure.worker;

import java.time.Duration;

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
 * Publishes supervision as application events, for monitors: {@link WorkerCrashedEvent},
 * {@link WorkerRestartedEvent}, {@link WorkerStoppedEvent}, {@link SupervisorEscalatedEvent}.
 */
public class SupervisionEventPublisher implements SupervisionListener, WorkerListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * @param publisher where events go
	 */
	public SupervisionEventPublisher(ApplicationEventPublisher publisher) {
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

}
