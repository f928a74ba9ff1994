package dev.resilience.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.alarm.AlarmRule;
import dev.resilience.alarm.AlarmRules;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.runtime.Timer;
import dev.resilience.testsupport.ManualScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-alarm gauge {@code resilience.alarm.active}: registered at the first set, 1 while set,
 * 0 once cleared and kept, following the visible state of managed alarms.
 */
class AlarmActiveGaugesTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final AtomicReference<Alarms> list = new AtomicReference<>();

	private final Alarms alarms = Alarms.builder()
		.timer(Timer.on(this.scheduler))
		.observer(new AlarmActiveGauges(this.registry, this.list::get))
		.rules(AlarmRules.of(Map.of("disk_full", new AlarmRule(Duration.ofSeconds(10), Duration.ofSeconds(30)))))
		.build();

	AlarmActiveGaugesTests() {
		this.list.set(this.alarms);
	}

	@AfterEach
	void close() {
		this.alarms.close();
		this.scheduler.shutdownNow();
	}

	@Test
	void oneWhileSetAndZeroOnceClearedAndStillThere() {
		assertThat(this.registry.find(AlarmActiveGauges.ACTIVE).gauges()).isEmpty();
		this.alarms.set("db_down", Severity.CRITICAL, "refused");
		assertThat(active("db_down", Severity.CRITICAL).value()).isEqualTo(1);
		assertThat(active("db_down", Severity.CRITICAL).getId().getDescription()).contains("1 while");
		this.alarms.clear("db_down");
		assertThat(active("db_down", Severity.CRITICAL).value()).isZero();
		this.alarms.set("db_down", Severity.CRITICAL, "refused again");
		assertThat(active("db_down", Severity.CRITICAL).value()).isEqualTo(1);
		assertThat(this.registry.find(AlarmActiveGauges.ACTIVE).gauges()).hasSize(1);
	}

	@Test
	void aSeverityChangeMovesTheOneToTheNewSeverity() {
		this.alarms.set("queue_backlog", Severity.MINOR, "1k messages");
		this.alarms.set("queue_backlog", Severity.MAJOR, "10k messages");
		assertThat(active("queue_backlog", Severity.MINOR).value()).isZero();
		assertThat(active("queue_backlog", Severity.MAJOR).value()).isEqualTo(1);
		this.alarms.clear("queue_backlog");
		assertThat(active("queue_backlog", Severity.MAJOR).value()).isZero();
	}

	@Test
	void aManagedAlarmCountsOnlyOnceVisibleAndUntilItsClearIsVisible() throws Exception {
		this.alarms.set("disk_full", Severity.MAJOR, "97% used");
		assertThat(this.registry.find(AlarmActiveGauges.ACTIVE).tag("alarm", "disk_full").gauge())
			.as("not set yet: the debounce runs")
			.isNull();
		this.scheduler.next().run(); // observers hear it on a remedy thread, not on the timer
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(active("disk_full", Severity.MAJOR).value()).isEqualTo(1));
		this.alarms.clear("disk_full");
		assertThat(active("disk_full", Severity.MAJOR).value()).as("the hold runs").isEqualTo(1);
		this.scheduler.next().run();
		assertThat(active("disk_full", Severity.MAJOR).value()).isZero();
	}

	private Gauge active(String alarm, Severity severity) {
		return this.registry.get(AlarmActiveGauges.ACTIVE).tags("alarm", alarm, "severity", severity.name()).gauge();
	}

}
