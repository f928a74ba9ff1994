package dev.resilience.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.AlarmTransition;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckState;
import dev.resilience.event.AlarmClearedEvent;
import dev.resilience.event.AlarmSetEvent;
import dev.resilience.event.CheckStateChangedEvent;
import dev.resilience.event.WorkerCrashedEvent;
import dev.resilience.event.WorkerRestartedEvent;
import dev.resilience.test.app.VirtualDayApplication;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.RunOutcome;
import dev.resilience.worker.WorkerListener;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance test of the test kit: a {@code @SpringBootTest} with
 * {@code @AutoConfigureVirtualTime} advances 24 virtual hours over workers at 1 s and 1 h, a
 * crashing worker with backoff, a check and a debounced alarm, with exact run counts, backoff
 * gaps, hysteresis steps and debounce, in under 5 s of wall time. Its events are recorded by
 * Spring's {@code @RecordApplicationEvents}, since in virtual time they are published on the
 * test's thread.
 */
@SpringBootTest(classes = { VirtualDayApplication.class, VirtualDayApplicationTests.Runs.class }, properties = {
		"resilience.workers.flaky.backoff.initial=1s", "resilience.workers.flaky.backoff.max=32s",
		"resilience.workers.flaky.backoff.jitter=0", "resilience.workers.flaky.max-restarts=10",
		"resilience.workers.flaky.period=1m", "resilience.checks.db.interval=1s",
		"resilience.checks.db.passing-checks=3", "resilience.alarms.rules.flaky_crashing.debounce=5s",
		"resilience.alarms.rules.flaky_crashing.hold=30s" })
@AutoConfigureVirtualTime
@RecordApplicationEvents
class VirtualDayApplicationTests {

	private static final Instant START = VirtualTime.DEFAULT_START;

	@Autowired
	VirtualTime time;

	@Autowired
	SupervisionTree tree;

	@Autowired
	Alarms alarms;

	@Autowired
	VirtualDayApplication.Database database;

	@Autowired
	Runs runs;

	@Autowired
	ApplicationEvents events;

	@Test
	void aVirtualDayInSeconds() {
		long wallStart = System.nanoTime();
		assertThat(this.time.now()).isEqualTo(START);
		VirtualDayWithoutSpringTests.checkBecomesConnectedAtItsThirdPass(this.time, this.tree);

		this.time.advanceTo(START.plusSeconds(17));
		assertThat(this.alarms).doesNotHaveActive("flaky_crashing"); // set at 13 s, debounced 5 s
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.alarms).hasActive("flaky_crashing", Severity.MINOR);

		this.time.advanceTo(START.plusSeconds(100));
		this.database.down(true);
		this.time.advance(Duration.ofSeconds(10)); // checks at 101 s ... 110 s fail
		assertThat(this.tree).check("db").isDegraded();
		assertThat(this.alarms).hasActive("db_disconnected", Severity.CRITICAL);
		this.database.down(false);
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.tree).check("db").isDegraded().hasConsecutivePasses(1);
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.tree).check("db").isDegraded().hasConsecutivePasses(2);
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.tree).check("db").isConnected();

		this.time.advanceTo(START.plus(Duration.ofHours(24)));
		Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);

		assertThat(this.tree).worker("ticker").isRunning().hasRun(86_400).hasRestarted(0);
		assertThat(this.tree).worker("hourly").isRunning().hasRun(24).hasRestarted(0);
		// 5 crashes at 10, 11, 13, 17 and 25 s (backoff 1, 2, 4, 8, 16 s), then every 10 s from 41 s on
		assertThat(this.tree).worker("flaky").isRunning().hasRestarted(5).hasRun(5 + 8_636);
		assertThat(this.runs.of("flaky").subList(0, 6)).containsExactly(START.plusSeconds(10), START.plusSeconds(11),
				START.plusSeconds(13), START.plusSeconds(17), START.plusSeconds(25), START.plusSeconds(41));
		assertThat(VirtualDayWithoutSpringTests.gaps(this.runs.of("flaky").subList(0, 6))).containsExactly(
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
				Duration.ofSeconds(16));
		// the crash-loop alarm: visible 5 s after its raw set (13 s), cleared 30 s after its raw clear
		// at the 3rd success in a row (61 s)
		assertThat(visible("flaky_crashing")).containsExactly("SET at " + START.plusSeconds(18),
				"CLEARED at " + START.plusSeconds(91));
		assertThat(visible("db_disconnected")).containsExactly("SET at " + START.plusSeconds(101),
				"CLEARED at " + START.plusSeconds(113));
		assertThat(this.alarms).hasNoActiveAlarms();

		// the events, recorded on the test's thread
		assertThat(this.events.stream(WorkerCrashedEvent.class).filter((event) -> event.worker().equals("flaky")))
			.hasSize(5);
		assertThat(this.events.stream(WorkerRestartedEvent.class).map(WorkerRestartedEvent::worker))
			.containsExactly("flaky", "flaky", "flaky", "flaky", "flaky");
		assertThat(this.events.stream(AlarmSetEvent.class).map((event) -> event.alarm().id()))
			.containsExactly("flaky_crashing", "db_disconnected");
		assertThat(this.events.stream(AlarmClearedEvent.class).map((event) -> event.alarm().id()))
			.containsExactly("flaky_crashing", "db_disconnected");
		assertThat(this.events.stream(CheckStateChangedEvent.class).map(CheckStateChangedEvent::to))
			.containsExactly(CheckState.CONNECTED, CheckState.DEGRADED, CheckState.CONNECTED);

		assertThat(wall).isLessThan(Duration.ofSeconds(5));
	}

	private List<String> visible(String alarm) {
		List<String> transitions = new ArrayList<>();
		for (AlarmTransition transition : this.alarms.history()) {
			if (transition.alarm().id().equals(alarm)) {
				transitions.add(transition.action() + " at " + transition.at());
			}
		}
		return transitions;
	}

	/** Records when each worker's runs ended, in virtual time. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Runs {

		private final Map<String, List<Instant>> runs = new ConcurrentHashMap<>();

		@Bean
		WorkerListener runRecorder(VirtualTime time) {
			return new WorkerListener() {

				@Override
				public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
					Runs.this.runs.computeIfAbsent(worker, (name) -> Collections.synchronizedList(new ArrayList<>())).add(time.now());
				}

			};
		}

		List<Instant> of(String worker) {
			return this.runs.getOrDefault(worker, List.of());
		}

	}

}
