package dev.resilience.autoconfigure.alarm;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.event.AlarmClearedEvent;
import dev.resilience.event.AlarmSetEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes alarm transitions as {@link AlarmSetEvent} and {@link AlarmClearedEvent}, from the
 * handler's own thread, in order.
 */
public class AlarmEventPublisher implements AlarmHandler {

	private final ApplicationEventPublisher publisher;

	/**
	 * @param publisher where events go
	 */
	public AlarmEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
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
