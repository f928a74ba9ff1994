package dev.resilience.supervisor;

import java.time.Duration;

import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for a {@link Supervisor} whose children fail to start.
 */
class SupervisorStartFailureTests {

	private final TestClock clock = new TestClock();

	private final TestChildren children = new TestChildren();

	private final RecordingExitHandler parent = new RecordingExitHandler();

	@Test
	void childFailingToStartStopsTheStartedOnesInReverseOrderAndSkipsTheRest() {
		this.children.failStarts("c", 1);
		Supervisor supervisor = build("a", "b", "c", "d");
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.start(this.parent))
			.satisfies((ex) -> {
				assertThat(ex.getSupervisor()).isEqualTo("sup");
				assertThat(ex.getChild()).isEqualTo("c");
				assertThat(ex).hasCauseInstanceOf(IllegalStateException.class);
				assertThat(ex.getCause()).hasMessage("start of c failed");
			});
		assertThat(this.children.events()).containsExactly("start:a", "start:b", "failed-start:c", "stop:b",
				"stop:a");
		assertThat(this.children.starts("d")).isZero();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(supervisor.snapshot().children()).noneMatch(SupervisorSnapshot.ChildSnapshot::running);
	}

	@Test
	void firstChildFailingToStartStartsNothing() {
		this.children.failStarts("a", 1);
		Supervisor supervisor = build("a", "b");
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.start(this.parent));
		assertThat(this.children.events()).containsExactly("failed-start:a");
	}

	@Test
	void starterReturningNullIsAStartFailure() {
		Supervisor supervisor = Supervisor.builder("sup")
			.child(this.children.worker("a"))
			.child(ChildSpec.worker("null", (exitHandler) -> null))
			.build();
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.start(this.parent))
			.satisfies((ex) -> assertThat(ex.getChild()).isEqualTo("null"));
		assertThat(this.children.events()).containsExactly("start:a", "stop:a");
	}

	@Test
	void startFailureIsNotReportedAsAnExitToTheParent() {
		this.children.failStarts("b", 1);
		Supervisor supervisor = build("a", "b");
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.start(this.parent));
		assertThat(this.parent.exits()).isEmpty();
	}

	@Test
	void exitOfAChildStoppedAfterAFailedStartIsIgnored() {
		this.children.failStarts("b", 1);
		Supervisor supervisor = build("a", "b");
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.start(this.parent));
		this.children.clearEvents();
		this.children.current("a").crash();
		assertThat(this.children.events()).isEmpty();
		assertThat(this.parent.exits()).isEmpty();
	}

	@Test
	void supervisorCannotBeStartedTwice() {
		Supervisor supervisor = build("a");
		supervisor.start(this.parent);
		assertThatIllegalStateException().isThrownBy(() -> supervisor.start(this.parent))
			.withMessageContaining("already started");
		assertThat(this.children.starts("a")).isEqualTo(1);
	}

	@Test
	void failedSupervisorCannotBeStartedAgain() {
		this.children.failStarts("a", 1);
		Supervisor supervisor = build("a");
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.start(this.parent));
		assertThatIllegalStateException().isThrownBy(() -> supervisor.start(this.parent));
	}

	@Test
	void nestedSupervisorFailingToStartFailsItsParentsStart() {
		this.children.failStarts("n2", 1);
		Supervisor parent = Supervisor.builder("parent")
			.clock(this.clock)
			.child(this.children.worker("a"))
			.child(ChildSpec.supervisor("nested",
					() -> Supervisor.builder("nested")
						.clock(this.clock)
						.child(this.children.worker("n1"))
						.child(this.children.worker("n2"))
						.build()))
			.child(this.children.worker("c"))
			.build();
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> parent.start(this.parent))
			.satisfies((ex) -> {
				assertThat(ex.getChild()).isEqualTo("nested");
				assertThat(ex.getCause()).isInstanceOfSatisfying(SupervisorStartException.class,
						(nested) -> assertThat(nested.getChild()).isEqualTo("n2"));
			});
		assertThat(this.children.events()).containsExactly("start:a", "start:n1", "failed-start:n2", "stop:n1",
				"stop:a");
		assertThat(this.children.starts("c")).isZero();
	}

	@Test
	void childThatCannotRestartCountsEachAttemptAndMakesTheSupervisorGiveUp() {
		Supervisor supervisor = Supervisor.builder("sup")
			.intensity(new Intensity(3, Duration.ofSeconds(5)))
			.clock(this.clock)
			.child(this.children.worker("a"))
			.child(this.children.worker("b"))
			.build();
		supervisor.start(this.parent);
		this.children.failStarts("a", Integer.MAX_VALUE);
		this.children.clearEvents();
		this.children.current("a").crash();
		assertThat(this.children.events()).containsExactly("failed-start:a", "failed-start:a", "failed-start:a",
				"stop:b");
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.parent.exits()).singleElement()
			.satisfies((exit) -> assertThat(exit.cause()).isInstanceOf(RestartIntensityExceededException.class)
				.hasRootCauseMessage("start of a failed"));
	}

	@Test
	void childThatRestartsAfterAFailedAttemptKeepsRunning() {
		Supervisor supervisor = Supervisor.builder("sup")
			.intensity(new Intensity(3, Duration.ofSeconds(5)))
			.clock(this.clock)
			.child(this.children.worker("a"))
			.build();
		supervisor.start(this.parent);
		this.children.failStarts("a", 1);
		this.children.clearEvents();
		this.children.current("a").crash();
		assertThat(this.children.events()).containsExactly("failed-start:a", "start:a");
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(2);
	}

	private Supervisor build(String... ids) {
		SupervisorBuilder builder = Supervisor.builder("sup").clock(this.clock);
		for (String id : ids) {
			builder.child(this.children.worker(id));
		}
		return builder.build();
	}

}
