package dev.resilience.alarm;

import dev.resilience.runtime.UserText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every alarm set (at WARN, ERROR for {@link Severity#CRITICAL}) and clear (at INFO), the
 * description on one line ({@link UserText#oneLine}).
 *
 * @since 0.1.0
 */
public class LoggingAlarmHandler implements AlarmHandler {

	private static final Logger logger = LoggerFactory.getLogger(LoggingAlarmHandler.class);

	@Override
	public void onSet(Alarm alarm) {
		if (alarm.severity() == Severity.CRITICAL) {
			logger.error("Alarm set: {} [{}] {}", alarm.id(), alarm.severity(), UserText.oneLine(alarm.description()));
		}
		else {
			logger.warn("Alarm set: {} [{}] {}", alarm.id(), alarm.severity(), UserText.oneLine(alarm.description()));
		}
	}

	@Override
	public void onClear(Alarm alarm) {
		logger.info("Alarm cleared: {} [{}]", alarm.id(), alarm.severity());
	}

	@Override
	public String name() {
		return "logging";
	}

}
