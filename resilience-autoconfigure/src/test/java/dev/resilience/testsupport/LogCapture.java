package dev.resilience.testsupport;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Records what one class logs, at every level, until closed: the level, the formatted message and
 * whether a stack trace went with it. While it records, the lines go nowhere else.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger logger;

	private final Level level;

	private final boolean additive;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture(Class<?> type) {
		this.logger = (Logger) LoggerFactory.getLogger(type);
		this.level = this.logger.getLevel();
		this.additive = this.logger.isAdditive();
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.ALL);
		this.logger.setAdditive(false);
	}

	/**
	 * @param type the class whose logger to record
	 * @return the capture; close to detach it
	 */
	public static LogCapture of(Class<?> type) {
		return new LogCapture(type);
	}

	/** @return the lines so far, in order */
	public List<Line> lines() {
		synchronized (this.appender) { // AppenderBase appends under its own monitor
			return this.appender.list.stream()
				.map((event) -> new Line(event.getLevel().toString(), event.getFormattedMessage(),
						event.getThrowableProxy() != null))
				.toList();
		}
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
		this.logger.setAdditive(this.additive);
	}

	/**
	 * One logged line.
	 *
	 * @param level its level: ERROR, WARN, INFO, DEBUG or TRACE
	 * @param message its formatted message
	 * @param stackTrace whether a stack trace went with it
	 */
	public record Line(String level, String message, boolean stackTrace) {
	}

}
