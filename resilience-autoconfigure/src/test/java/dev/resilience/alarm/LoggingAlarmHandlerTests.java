package dev.resilience.alarm;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link LoggingAlarmHandler}: the level of each line.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingAlarmHandlerTests {

	private final LoggingAlarmHandler handler = new LoggingAlarmHandler();

	@Test
	void criticalSetIsAnErrorOtherSetsAreWarningsAndClearsAreInfo(CapturedOutput output) {
		this.handler.onSet(new Alarm("db_down", Severity.CRITICAL, "database unreachable", Instant.EPOCH));
		this.handler.onSet(new Alarm("disk", Severity.MAJOR, "disk 95% full", Instant.EPOCH));
		this.handler.onClear(new Alarm("disk", Severity.MAJOR, "disk 95% full", Instant.EPOCH));
		assertThat(output.toString().lines().filter((line) -> line.contains("Alarm ")))
			.satisfiesExactly((line) -> assertThat(line).contains("ERROR").contains("Alarm set: db_down [CRITICAL]"),
					(line) -> assertThat(line).contains("WARN").contains("Alarm set: disk [MAJOR] disk 95% full"),
					(line) -> assertThat(line).contains("INFO").contains("Alarm cleared: disk [MAJOR]"));
	}

	@Test
	void nameIsLogging() {
		assertThat(this.handler.name()).isEqualTo("logging");
	}

}
