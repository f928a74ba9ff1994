package dev.resilience.autoconfigure.check;

import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckState;
import dev.resilience.event.CheckStateChangedEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes {@link CheckStateChangedEvent} when a check changes state.
 */
public class CheckEventPublisher implements CheckListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * @param publisher where events go
	 */
	public CheckEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void stateChanged(String check, CheckState from, CheckState to, String reason) {
		this.publisher.publishEvent(new CheckStateChangedEvent(check, from, to, reason));
	}

}
