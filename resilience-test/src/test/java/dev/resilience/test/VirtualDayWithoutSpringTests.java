package dev.resilience.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.AlarmRule;
import dev.resilience.alarm.AlarmRules;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.CheckState;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSettings;
import dev.resilience.worker.Backoff;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A virtual day of a tree built without Spring: workers at 1 s and 1 h, a worker that crashes
 * five times with a backoff, a check that fails for ten seconds and a debounced crash-loop
 * alarm, with exact counts and instants, computed by hand from the rules in the README.
 */
class VirtualDayWithoutSpringTests {

	private static final Duration DAY = Duration.ofHours(24);

	private final List<Scenario> scenarios = new ArrayList<>();

	@AfterEach
	void stop() {
		this.scenarios.forEach(Scenario::stop);
	}

	@Test
	void aVirtualDayRunsEverythingThatFallsDueInTimeOrder() {
		Scenario day = scenario(0.0);
		long wallStart = System.nanoTime();
		day.tree.start();
		checkBecomesConnectedAtItsThirdPass(day.time, day.tree);
		day.time.advance(DAY.minusSeconds(2));
		Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);

		assertThat(day.time.now()).isEqualTo(VirtualTime.DEFAULT_START.plus(DAY));
		assertThat(day.tree).worker("ticker").isRunning().hasRun(86_400).hasRestarted(0);
		assertThat(day.tree).worker("hourly").isRunning().hasRun(24).hasRestarted(0);
		// flaky: 5 crashes, then a success every 10 s from 41 s on: 41 + 10k <= 86,400 for k = 0..8,635
		assertThat(day.tree).worker("flaky").isRunning().hasRestarted(5).hasRun(5 + 8_636).hasConsecutiveFailures(0);
		assertThat(day.flakyRuns.subList(0, 6)).containsExactly(at(10), at(11), at(13), at(17), at(25), at(41));
		assertThat(gaps(day.flakyRuns.subList(0, 6))).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8),
				seconds(16));
		// a restart at each crash; flaky_crashing set raw at the 3rd crash (13 s), visible after its 5 s
		// debounce; cleared raw at the 3rd success (61 s), visible after its 30 s hold; db fails from
		// 100 s to 109 s, CONNECTED again at its 3rd pass in a row
		assertThat(day.timeline).containsExactly("PT2S db DEGRADED->CONNECTED",
				"PT10S flaky restarted", "PT11S flaky restarted", "PT13S flaky restarted", "PT17S flaky restarted",
				"PT18S set flaky_crashing MINOR", "PT25S flaky restarted", "PT1M31S clear flaky_crashing",
				"PT1M40S db CONNECTED->DEGRADED", "PT1M40S set db_disconnected CRITICAL",
				"PT1M52S db DEGRADED->CONNECTED", "PT1M52S clear db_disconnected");
		assertThat(day.tree).check("db").isConnected();
		assertThat(day.alarms).hasNoActiveAlarms();
		assertThat(wall).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void twentyVirtualDaysWithJitterGiveTheSameResult() {
		List<List<String>> timelines = new ArrayList<>();
		List<List<Instant>> flakyRuns = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Scenario day = scenario(0.2);
			day.tree.start();
			day.time.advance(DAY);
			timelines.add(day.timeline);
			flakyRuns.add(List.copyOf(day.flakyRuns));
			day.stop();
		}
		assertThat(timelines).allSatisfy((timeline) -> assertThat(timeline).isEqualTo(timelines.get(0)));
		assertThat(flakyRuns).allSatisfy((runs) -> assertThat(runs).isEqualTo(flakyRuns.get(0)));
		// the seeded random spreads each backoff delay within ±20%, the same way every time
		List<Duration> gaps = gaps(flakyRuns.get(0).subList(0, 6));
		assertThat(gaps).hasSize(5).doesNotContain(seconds(1), seconds(2), seconds(4), seconds(8), seconds(16));
		for (int n = 0; n < 5; n++) {
			long nominal = 1000L << n;
			assertThat(gaps.get(n).toMillis()).isBetween(nominal * 8 / 10, nominal * 12 / 10);
		}
	}

	@Test
	void nothingRunsBetweenAdvances() {
		Scenario day = scenario(0.0);
		day.tree.start();
		assertThat(day.tree).check("db").hasConsecutivePasses(0);
		assertThat(day.time.pendingTasks()).isPositive();
		day.time.runDue();
		assertThat(day.tree).check("db").hasConsecutivePasses(1);
		assertThat(day.time.untilNextTask()).contains(seconds(1));
		assertThat(day.time.elapsed()).isZero();
	}

	/**
	 * The hysteresis of check {@code db}, one check per second from the start: 1 pass, 2 passes,
	 * CONNECTED at the 3rd.
	 */
	static void checkBecomesConnectedAtItsThirdPass(VirtualTime time, SupervisionTree tree) {
		time.runDue(); // the first check, at once
		assertThat(tree).check("db").isDegraded().hasConsecutivePasses(1);
		time.advance(Duration.ofSeconds(1));
		assertThat(tree).check("db").isDegraded().hasConsecutivePasses(2);
		time.advance(Duration.ofSeconds(1));
		assertThat(tree).check("db").isConnected();
	}

	private Scenario scenario(double jitter) {
		Scenario scenario = new Scenario(jitter);
		this.scenarios.add(scenario);
		return scenario;
	}

	private static Instant at(long seconds) {
		return VirtualTime.DEFAULT_START.plusSeconds(seconds);
	}

	private static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

	static List<Duration> gaps(List<Instant> instants) {
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < instants.size(); i++) {
			gaps.add(Duration.between(instants.get(i - 1), instants.get(i)));
		}
		return gaps;
	}

	/** The day's tree on its virtual time, and what it recorded. */
	static final class Scenario implements SupervisionListener, CheckListener, AlarmHandler {

		final VirtualTime time = VirtualTime.create();

		final List<Instant> flakyRuns = new ArrayList<>();

		final List<String> timeline = new ArrayList<>();

		final Alarms alarms;

		final SupervisionTree tree;

		Scenario(double jitter) {
			this.alarms = this.time.alarms()
				.rules(AlarmRules.of(Map.of("flaky_crashing", new AlarmRule(seconds(5), seconds(30)))))
				.handler(this)
				.build();
			WorkerSpec flaky = WorkerSpec.of("flaky", seconds(10))
				.withBackoff(new Backoff(seconds(1), seconds(32), 2, jitter, seconds(64)));
			this.tree = this.time.supervisionTree(this.alarms)
				.supervisionListener(this)
				.checkListener(this)
				.check(new CheckSettings("db", seconds(1), seconds(1), 3, "db_disconnected", Severity.CRITICAL), () -> {
					long second = this.time.elapsed().toSeconds();
					if (second >= 100 && second < 110) {
						throw new IllegalStateException("db down at " + second + " s");
					}
				})
				.worker(WorkerSettings.of("ticker", seconds(1)), () -> () -> true)
				.worker(WorkerSettings.of("hourly", Duration.ofHours(1)), () -> () -> true)
				.worker(new WorkerSettings(flaky, Duration.ofMinutes(1), 10, null, false, 3, Severity.MINOR), () -> () -> {
					this.flakyRuns.add(this.time.now());
					if (this.flakyRuns.size() <= 5) {
						throw new IllegalStateException("crash " + this.flakyRuns.size());
					}
					return true;
				})
				.build();
		}

		void stop() {
			this.tree.stop();
			this.alarms.close();
		}

		private void record(String what) {
			this.timeline.add(this.time.elapsed() + " " + what);
		}

		@Override
		public void childRestarted(String supervisor, ChildSpec child) {
			record(child.id() + " restarted");
		}

		@Override
		public void stateChanged(String check, CheckState from, CheckState to, String reason) {
			record(check + " " + from + "->" + to);
		}

		@Override
		public void onSet(Alarm alarm) {
			record("set " + alarm.id() + " " + alarm.severity());
		}

		@Override
		public void onClear(Alarm alarm) {
			record("clear " + alarm.id());
		}

		@Override
		public String name() {
			return "timeline";
		}

	}

}
