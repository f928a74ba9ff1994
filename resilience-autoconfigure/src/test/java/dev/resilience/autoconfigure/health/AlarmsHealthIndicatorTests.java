package dev.resilience.autoconfigure.health;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmsHealthIndicatorTests {

	private final Alarms alarms = Alarms.builder().build();

	private final AlarmsHealthIndicator indicator = new AlarmsHealthIndicator(this.alarms);

	@AfterEach
	void close() {
		this.alarms.close();
	}

	@Test
	void statusFollowsTheWorstSeverityWithAndWithoutDetails() {
		assertStatus(Status.UP);
		this.alarms.set("disk", Severity.WARNING, "92%");
		this.alarms.set("crash", Severity.MINOR, "boom");
		assertStatus(Status.UP);
		this.alarms.set("slow", Severity.MAJOR, "p99 2s");
		assertStatus(ResilienceStatus.DEGRADED);
		this.alarms.set("db", Severity.CRITICAL, "refused");
		assertStatus(Status.DOWN);
		this.alarms.clear("db");
		assertStatus(ResilienceStatus.DEGRADED);
		this.alarms.set("slow", Severity.MINOR, "better"); // an update of a set alarm moves its severity
		assertStatus(Status.UP);
	}

	@Test
	void detailsListActiveAlarmsOnlyWhenAskedFor() {
		this.alarms.set("db", Severity.CRITICAL, "refused");
		Health withDetails = this.indicator.health(true);
		Health without = this.indicator.health(false);
		assertThat(withDetails.getDetails()).containsKey("db");
		assertThat(without.getDetails()).isEmpty();
	}

	private void assertStatus(Status expected) {
		assertThat(this.indicator.health(false).getStatus()).isEqualTo(expected);
		assertThat(this.indicator.health(true).getStatus()).isEqualTo(expected);
	}

}
