package dev.resilience.supervisor;

import java.time.Duration;
import java.time.Instant;

import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RestartWindow} and the restart intensity of a {@link Supervisor}: more than
 * {@code maxRestarts} restarts within a sliding {@code period} make it give up.
 */
class RestartWindowTests {

	private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

	private final TestClock clock = new TestClock(T0);

	private final TestChildren children = new TestChildren();

	private final RecordingExitHandler parent = new RecordingExitHandler();

	@Test
	void allowsExactlyMaxRestartsAtOneInstant() {
		RestartWindow window = new RestartWindow(new Intensity(3, Duration.ofSeconds(5)));
		assertThat(window.record(T0)).isTrue();
		assertThat(window.record(T0)).isTrue();
		assertThat(window.record(T0)).isTrue();
		assertThat(window.record(T0)).isFalse();
	}

	@Test
	void zeroMaxRestartsRefusesTheFirstRestart() {
		RestartWindow window = new RestartWindow(new Intensity(0, Duration.ofSeconds(5)));
		assertThat(window.record(T0)).isFalse();
	}

	@Test
	void restartExactlyOnePeriodAgoStillCounts() {
		RestartWindow window = new RestartWindow(new Intensity(1, Duration.ofSeconds(5)));
		assertThat(window.record(T0)).isTrue();
		assertThat(window.record(T0.plusSeconds(5))).isFalse();
	}

	@Test
	void restartMoreThanOnePeriodAgoIsForgotten() {
		RestartWindow window = new RestartWindow(new Intensity(1, Duration.ofSeconds(5)));
		assertThat(window.record(T0)).isTrue();
		assertThat(window.record(T0.plusSeconds(5).plusNanos(1))).isTrue();
		assertThat(window.count(T0.plusSeconds(5).plusNanos(1))).isEqualTo(1);
	}

	@Test
	void countDropsRestartsThatLeftThePeriod() {
		RestartWindow window = new RestartWindow(new Intensity(5, Duration.ofSeconds(5)));
		window.record(T0);
		window.record(T0.plusSeconds(2));
		window.record(T0.plusSeconds(4));
		assertThat(window.count(T0.plusSeconds(4))).isEqualTo(3);
		assertThat(window.count(T0.plusSeconds(6))).isEqualTo(2);
		assertThat(window.count(T0.plusSeconds(10))).isZero();
	}

	@Test
	void supervisorAllowsExactlyMaxRestartsWithinThePeriod() {
		Supervisor supervisor = startSupervisor(new Intensity(3, Duration.ofSeconds(5)));
		for (int i = 0; i < 3; i++) {
			this.children.current("a").crash();
		}
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(this.children.starts("a")).isEqualTo(4);
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(3);
		assertThat(this.parent.exits()).isEmpty();
	}

	@Test
	void supervisorGivesUpOnOneRestartMoreThanMaxRestarts() {
		Supervisor supervisor = startSupervisor(new Intensity(3, Duration.ofSeconds(5)));
		for (int i = 0; i < 4; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			this.children.current("a").crash();
		}
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.children.starts("a")).isEqualTo(4);
		assertThat(this.children.current("b").isStopped()).isTrue();
		assertThat(this.parent.exits()).singleElement().satisfies((exit) -> {
			assertThat(exit.kind()).isEqualTo(Exit.Kind.ABNORMAL);
			assertThat(exit.cause()).isInstanceOf(RestartIntensityExceededException.class);
		});
	}

	@Test
	void zeroMaxRestartsGivesUpOnTheFirstExit() {
		Supervisor supervisor = startSupervisor(new Intensity(0, Duration.ofSeconds(5)));
		this.children.current("a").crash();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.children.starts("a")).isEqualTo(1);
		assertThat(this.parent.exits()).hasSize(1);
	}

	@Test
	void restartsSpreadBeyondThePeriodAreForgotten() {
		Supervisor supervisor = startSupervisor(new Intensity(2, Duration.ofSeconds(5)));
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(3));
			this.children.current("a").crash();
		}
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(this.children.starts("a")).isEqualTo(21);
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(supervisor.snapshot().restartsInWindow()).isZero();
		assertThat(this.parent.exits()).isEmpty();
	}

	@Test
	void windowSlidesRatherThanResettingEachPeriod() {
		Supervisor supervisor = startSupervisor(new Intensity(3, Duration.ofSeconds(5)));
		this.children.current("a").crash(); // t=0
		this.clock.advance(Duration.ofSeconds(1));
		this.children.current("a").crash(); // t=1
		this.clock.advance(Duration.ofSeconds(1));
		this.children.current("a").crash(); // t=2
		this.clock.advance(Duration.ofMillis(3500));
		this.children.current("a").crash(); // t=5.5: t=0 left the window, 3 remain
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(3);
		this.clock.advance(Duration.ofMillis(100));
		this.children.current("a").crash(); // t=5.6: t=1, t=2, t=5.5 and t=5.6 are 4 within 5 s
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.parent.exits()).hasSize(1);
	}

	@Test
	void restartsOfDifferentChildrenShareOneWindow() {
		Supervisor supervisor = startSupervisor(new Intensity(2, Duration.ofSeconds(5)));
		this.children.current("a").crash();
		this.children.current("b").crash();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		this.children.current("a").crash();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
	}

	private Supervisor startSupervisor(Intensity intensity) {
		Supervisor supervisor = Supervisor.builder("sup")
			.intensity(intensity)
			.clock(this.clock)
			.child(this.children.worker("a"))
			.child(this.children.worker("b"))
			.build();
		supervisor.start(this.parent);
		return supervisor;
	}

}
