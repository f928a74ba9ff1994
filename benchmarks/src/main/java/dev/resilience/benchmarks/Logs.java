package dev.resilience.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/** Logging set-up of the harnesses that run without Spring Boot (which would configure it). */
final class Logs {

	/** Spring Boot's default console pattern, minus colours. */
	static final String BOOT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p %pid --- [%t] %-40.40logger{39} : %m%n%ex";

	private Logs() {
	}

	/** Only warnings and errors reach the console; the runtime's own logs are off. */
	static void quiet() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		context.getLogger("dev.resilience").setLevel(Level.OFF);
	}

	/**
	 * The runtime logs at INFO to a file, synchronously, with Boot's pattern, as an application
	 * logging to a file would; nothing else changes.
	 * @param file where the lines go
	 */
	static void runtimeToFile(String file) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger runtime = context.getLogger("dev.resilience");
		if (runtime.getAppender("bench-file") != null) {
			runtime.setLevel(Level.INFO);
			return;
		}
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(BOOT_PATTERN.replace("%pid", "1"));
		encoder.start();
		FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
		appender.setContext(context);
		appender.setName("bench-file");
		appender.setFile(file);
		appender.setAppend(false);
		appender.setEncoder(encoder);
		appender.start();
		runtime.setLevel(Level.INFO);
		runtime.setAdditive(false);
		runtime.addAppender(appender);
	}

}
