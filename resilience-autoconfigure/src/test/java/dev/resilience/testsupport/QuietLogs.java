package dev.resilience.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the level of some loggers to ERROR until closed: for race tests whose thousands of
 * rounds would each log a timeout at WARN.
 */
public final class QuietLogs implements AutoCloseable {

	private final Map<Logger, Level> levels = new LinkedHashMap<>();

	private QuietLogs(Class<?>... types) {
		for (Class<?> type : types) {
			Logger logger = (Logger) LoggerFactory.getLogger(type);
			this.levels.put(logger, logger.getLevel());
			logger.setLevel(Level.ERROR);
		}
	}

	/**
	 * @param types the classes whose loggers to quiet
	 * @return the quieted loggers; close to restore their levels
	 */
	public static QuietLogs of(Class<?>... types) {
		return new QuietLogs(types);
	}

	@Override
	public void close() {
		this.levels.forEach(Logger::setLevel);
	}

}
