package dev.resilience.supervisor;

import java.time.Duration;

import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link Restart} types of a {@link Supervisor}'s children.
 */
class SupervisorRestartTypeTests {

	private static final Exit ABNORMAL = Exit.abnormal(new IllegalStateException("boom"));

	private final TestClock clock = new TestClock();

	private final TestChildren children = new TestChildren();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void restartsAfterTable() {
		assertThat(Restart.PERMANENT.restartsAfter(Exit.normal())).isTrue();
		assertThat(Restart.PERMANENT.restartsAfter(Exit.shutdown())).isTrue();
		assertThat(Restart.PERMANENT.restartsAfter(ABNORMAL)).isTrue();
		assertThat(Restart.TRANSIENT.restartsAfter(Exit.normal())).isFalse();
		assertThat(Restart.TRANSIENT.restartsAfter(Exit.shutdown())).isFalse();
		assertThat(Restart.TRANSIENT.restartsAfter(ABNORMAL)).isTrue();
		assertThat(Restart.TEMPORARY.restartsAfter(Exit.normal())).isFalse();
		assertThat(Restart.TEMPORARY.restartsAfter(Exit.shutdown())).isFalse();
		assertThat(Restart.TEMPORARY.restartsAfter(ABNORMAL)).isFalse();
	}

	@Test
	void permanentIsRestartedAfterAnAbnormalExit() {
		Supervisor supervisor = start(Restart.PERMANENT);
		this.children.current("x").exit(ABNORMAL);
		assertRestarted(supervisor);
	}

	@Test
	void permanentIsRestartedAfterANormalExit() {
		Supervisor supervisor = start(Restart.PERMANENT);
		this.children.current("x").exit(Exit.normal());
		assertRestarted(supervisor);
	}

	@Test
	void permanentIsRestartedAfterAShutdownExit() {
		Supervisor supervisor = start(Restart.PERMANENT);
		this.children.current("x").exit(Exit.shutdown());
		assertRestarted(supervisor);
	}

	@Test
	void transientIsRestartedAfterAnAbnormalExit() {
		Supervisor supervisor = start(Restart.TRANSIENT);
		this.children.current("x").exit(ABNORMAL);
		assertRestarted(supervisor);
	}

	@Test
	void transientIsNotRestartedAfterANormalExit() {
		Supervisor supervisor = start(Restart.TRANSIENT);
		this.children.current("x").exit(Exit.normal());
		assertTerminatedButKept(supervisor);
	}

	@Test
	void transientIsNotRestartedAfterAShutdownExit() {
		Supervisor supervisor = start(Restart.TRANSIENT);
		this.children.current("x").exit(Exit.shutdown());
		assertTerminatedButKept(supervisor);
	}

	@Test
	void temporaryIsNotRestartedAfterAnAbnormalExitAndIsRemoved() {
		Supervisor supervisor = start(Restart.TEMPORARY);
		this.children.current("x").exit(ABNORMAL);
		assertRemoved(supervisor);
	}

	@Test
	void temporaryIsNotRestartedAfterANormalExitAndIsRemoved() {
		Supervisor supervisor = start(Restart.TEMPORARY);
		this.children.current("x").exit(Exit.normal());
		assertRemoved(supervisor);
	}

	@Test
	void anExitThatIsNotRestartedDoesNotCountTowardIntensity() {
		Supervisor supervisor = Supervisor.builder("sup")
			.intensity(new Intensity(0, Duration.ofSeconds(5)))
			.clock(this.clock)
			.child(this.children.worker("t").withRestart(Restart.TRANSIENT))
			.child(this.children.worker("tmp").withRestart(Restart.TEMPORARY))
			.build();
		RecordingExitHandler parent = new RecordingExitHandler();
		supervisor.start(parent);
		this.children.current("t").exit(Exit.normal());
		this.children.current("tmp").exit(ABNORMAL);
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(supervisor.snapshot().restartsInWindow()).isZero();
		assertThat(parent.exits()).isEmpty();
	}

	@Test
	void oneForAllDoesNotRestartSiblingsWhenATransientChildExitsNormally() {
		start(Strategy.ONE_FOR_ALL, this.children.worker("a"),
				this.children.worker("t").withRestart(Restart.TRANSIENT), this.children.worker("c"));
		this.children.clearEvents();
		this.children.current("t").exit(Exit.normal());
		assertThat(this.children.events()).isEmpty();
	}

	@Test
	void oneForAllRemovesATemporarySiblingItStoppedInsteadOfRestartingIt() {
		Supervisor supervisor = start(Strategy.ONE_FOR_ALL, this.children.worker("a"),
				this.children.worker("tmp").withRestart(Restart.TEMPORARY), this.children.worker("c"));
		this.children.clearEvents();
		this.children.current("a").crash();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:tmp", "start:a", "start:c");
		assertThat(supervisor.snapshot().children()).extracting(SupervisorSnapshot.ChildSnapshot::id)
			.containsExactly("a", "c");
	}

	private Supervisor start(Restart restart) {
		return start(Strategy.ONE_FOR_ONE, this.children.worker("x").withRestart(restart));
	}

	private Supervisor start(Strategy strategy, ChildSpec... specs) {
		SupervisorBuilder builder = Supervisor.builder("sup")
			.strategy(strategy)
			.intensity(new Intensity(10, Duration.ofSeconds(5)))
			.clock(this.clock)
			.listener(this.listener);
		for (ChildSpec spec : specs) {
			builder.child(spec);
		}
		Supervisor supervisor = builder.build();
		supervisor.start(new RecordingExitHandler());
		return supervisor;
	}

	private void assertRestarted(Supervisor supervisor) {
		assertThat(this.children.starts("x")).isEqualTo(2);
		assertThat(this.listener.calls()).contains("restarted:sup/x");
		assertThat(supervisor.snapshot().children()).singleElement()
			.satisfies((child) -> assertThat(child.running()).isTrue());
		assertThat(supervisor.child("x")).containsSame(this.children.current("x"));
	}

	private void assertTerminatedButKept(Supervisor supervisor) {
		assertThat(this.children.starts("x")).isEqualTo(1);
		assertThat(this.listener.calls()).doesNotContain("restarted:sup/x");
		assertThat(supervisor.snapshot().children()).singleElement().satisfies((child) -> {
			assertThat(child.id()).isEqualTo("x");
			assertThat(child.running()).isFalse();
		});
		assertThat(supervisor.child("x")).isEmpty();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
	}

	private void assertRemoved(Supervisor supervisor) {
		assertThat(this.children.starts("x")).isEqualTo(1);
		assertThat(this.listener.calls()).doesNotContain("restarted:sup/x");
		assertThat(supervisor.snapshot().children()).isEmpty();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
	}

}
