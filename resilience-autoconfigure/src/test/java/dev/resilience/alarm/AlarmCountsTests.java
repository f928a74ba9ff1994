package dev.resilience.alarm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the cheap views of {@link Alarms} that health checks poll: the worst severity and the
 * count per severity, through sets, updates and clears.
 */
class AlarmCountsTests {

	private final Alarms alarms = Alarms.builder().build();

	@AfterEach
	void close() {
		this.alarms.close();
	}

	@Test
	void noAlarmSetMeansNoWorstSeverityAndNoCounts() {
		assertThat(this.alarms.worstSeverity()).isEmpty();
		for (Severity severity : Severity.values()) {
			assertThat(this.alarms.count(severity)).as(severity.name()).isZero();
		}
	}

	@Test
	void worstSeverityAndCountsFollowSetsUpdatesAndClears() {
		this.alarms.set("queue", Severity.WARNING, "");
		assertThat(this.alarms.worstSeverity()).contains(Severity.WARNING);
		this.alarms.set("disk", Severity.MINOR, "");
		this.alarms.set("cache", Severity.MINOR, "");
		assertThat(this.alarms.worstSeverity()).contains(Severity.MINOR);
		assertThat(this.alarms.count(Severity.MINOR)).isEqualTo(2);
		assertThat(this.alarms.count(Severity.WARNING)).isOne();
		this.alarms.set("disk", Severity.CRITICAL, "worse"); // an update moves it between counts
		assertThat(this.alarms.worstSeverity()).contains(Severity.CRITICAL);
		assertThat(this.alarms.count(Severity.CRITICAL)).isOne();
		assertThat(this.alarms.count(Severity.MINOR)).isOne();
		this.alarms.clear("disk");
		assertThat(this.alarms.worstSeverity()).contains(Severity.MINOR);
		assertThat(this.alarms.count(Severity.CRITICAL)).isZero();
		this.alarms.clear("cache");
		this.alarms.clear("queue");
		assertThat(this.alarms.worstSeverity()).isEmpty();
		assertThat(this.alarms.count(Severity.MINOR)).isZero();
		assertThat(this.alarms.count(Severity.WARNING)).isZero();
	}

}
