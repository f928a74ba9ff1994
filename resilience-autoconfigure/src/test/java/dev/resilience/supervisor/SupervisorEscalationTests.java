package dev.resilience.supervisor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for escalation: a nested {@link Supervisor} that exceeds its intensity stops its
 * children and fails to its parent, which restarts it or, in turn, gives up.
 */
class SupervisorEscalationTests {

	private static final Intensity NESTED_INTENSITY = new Intensity(1, Duration.ofSeconds(5));

	private final TestClock clock = new TestClock();

	private final TestChildren children = new TestChildren();

	private final RecordingListener listener = new RecordingListener();

	private final RecordingExitHandler root = new RecordingExitHandler();

	private final AtomicInteger nestedBuilt = new AtomicInteger();

	@Test
	void nestedSupervisorThatGivesUpStopsItsChildrenInReverseOrderAndIsRestartedByItsParent() {
		Supervisor parent = startParent(new Intensity(5, Duration.ofSeconds(5)));
		Supervisor firstNested = nested(parent);
		this.children.current("n2").crash(); // within the nested intensity
		this.children.clearEvents();
		this.listener.clear();
		this.children.current("n2").crash(); // one too many
		assertThat(this.children.events()).containsExactly("stop:n3", "stop:n1", "start:n1", "start:n2", "start:n3");
		assertThat(firstNested.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.nestedBuilt).hasValue(2);
		Supervisor secondNested = nested(parent);
		assertThat(secondNested).isNotSameAs(firstNested);
		assertThat(secondNested.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(this.listener.calls()).containsExactly("exited:nested/n2/ABNORMAL", "stopped:nested/n3",
				"stopped:nested/n1", "escalated:nested", "exited:parent/nested/ABNORMAL", "restarted:parent/nested");
		assertThat(parent.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(this.root.exits()).isEmpty();
	}

	@Test
	void nestedSupervisorReportsRestartIntensityExceededToItsParent() {
		startParent(new Intensity(5, Duration.ofSeconds(5)));
		this.children.current("n1").crash();
		IllegalStateException lastCrash = new IllegalStateException("last crash");
		this.children.current("n1").exit(Exit.abnormal(lastCrash));
		Exit nestedExit = this.listener.exits()
			.stream()
			.filter((exit) -> exit.cause() instanceof RestartIntensityExceededException)
			.findFirst()
			.orElseThrow();
		assertThat(nestedExit.kind()).isEqualTo(Exit.Kind.ABNORMAL);
		RestartIntensityExceededException failure = (RestartIntensityExceededException) nestedExit.cause();
		assertThat(failure.getSupervisor()).isEqualTo("nested");
		assertThat(failure.getIntensity()).isEqualTo(NESTED_INTENSITY);
		assertThat(failure).hasCause(lastCrash);
	}

	@Test
	void restartedNestedSupervisorHasAFreshWindow() {
		Supervisor parent = startParent(new Intensity(5, Duration.ofSeconds(5)));
		this.children.current("n1").crash();
		this.children.current("n1").crash(); // the first nested supervisor gives up
		Supervisor secondNested = nested(parent);
		assertThat(secondNested.snapshot().restartsInWindow()).isZero();
		this.children.current("n1").crash(); // same instant: only a fresh window allows it
		assertThat(secondNested.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(nested(parent)).isSameAs(secondNested);
		assertThat(secondNested.snapshot().restartsInWindow()).isEqualTo(1);
		assertThat(this.nestedBuilt).hasValue(2);
	}

	@Test
	void escalationCountsTowardTheParentsIntensity() {
		Supervisor parent = startParent(new Intensity(5, Duration.ofSeconds(5)));
		escalateNested();
		assertThat(parent.snapshot().restartsInWindow()).isEqualTo(1);
		escalateNested();
		assertThat(parent.snapshot().restartsInWindow()).isEqualTo(2);
		assertThat(parent.snapshot().children()).filteredOn((child) -> child.id().equals("nested"))
			.singleElement()
			.satisfies((child) -> {
				assertThat(child.type()).isEqualTo(ChildSpec.Type.SUPERVISOR);
				assertThat(child.running()).isTrue();
				assertThat(child.supervisor().id()).isEqualTo("nested");
				assertThat(child.supervisor().state()).isEqualTo(Supervisor.State.RUNNING);
			});
	}

	@Test
	void parentThatExceedsItsIntensityStopsItsChildrenAndFailsToTheRoot() {
		Supervisor parent = startParent(new Intensity(1, Duration.ofSeconds(5)));
		escalateNested();
		assertThat(parent.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(this.root.exits()).isEmpty();
		Supervisor lastNested = nested(parent);
		this.children.current("n2").crash();
		this.children.clearEvents();
		this.listener.clear();
		this.children.current("n2").crash();
		assertThat(parent.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(lastNested.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.children.events()).containsExactly("stop:n3", "stop:n1", "stop:after", "stop:before");
		assertThat(this.listener.calls()).contains("escalated:nested", "escalated:parent")
			.doesNotContain("restarted:parent/nested");
		assertThat(this.root.exits()).singleElement().satisfies((exit) -> {
			assertThat(exit.kind()).isEqualTo(Exit.Kind.ABNORMAL);
			assertThat(exit.cause()).isInstanceOfSatisfying(RestartIntensityExceededException.class, (failure) -> {
				assertThat(failure.getSupervisor()).isEqualTo("parent");
				assertThat(failure.getCause()).isInstanceOfSatisfying(RestartIntensityExceededException.class,
						(nestedFailure) -> assertThat(nestedFailure.getSupervisor()).isEqualTo("nested"));
			});
		});
		assertThat(this.nestedBuilt).hasValue(2);
	}

	@Test
	void exitsReachingAFailedParentAreIgnored() {
		Supervisor parent = startParent(new Intensity(0, Duration.ofSeconds(5)));
		TestChild before = this.children.current("before");
		escalateNested();
		assertThat(parent.state()).isEqualTo(Supervisor.State.FAILED);
		this.children.clearEvents();
		before.crash();
		assertThat(this.children.events()).isEmpty();
		assertThat(this.root.exits()).hasSize(1);
	}

	@Test
	void rootGivingUpIsReportedOnceToItsExitHandler() {
		Supervisor root = Supervisor.builder("root")
			.intensity(new Intensity(0, Duration.ofSeconds(5)))
			.clock(this.clock)
			.listener(this.listener)
			.child(this.children.worker("w"))
			.build();
		root.start(this.root);
		this.children.current("w").crash();
		assertThat(this.root.exits()).hasSize(1);
		assertThat(this.listener.calls()).containsExactly("exited:root/w/ABNORMAL", "escalated:root");
	}

	private void escalateNested() {
		this.children.current("n2").crash();
		this.children.current("n2").crash();
	}

	private Supervisor startParent(Intensity intensity) {
		Supervisor parent = Supervisor.builder("parent")
			.intensity(intensity)
			.clock(this.clock)
			.listener(this.listener)
			.child(this.children.worker("before"))
			.child(ChildSpec.supervisor("nested", this::buildNested))
			.child(this.children.worker("after"))
			.build();
		parent.start(this.root);
		return parent;
	}

	private Supervisor buildNested() {
		this.nestedBuilt.incrementAndGet();
		return Supervisor.builder("nested")
			.intensity(NESTED_INTENSITY)
			.clock(this.clock)
			.listener(this.listener)
			.child(this.children.worker("n1"))
			.child(this.children.worker("n2"))
			.child(this.children.worker("n3"))
			.build();
	}

	private static Supervisor nested(Supervisor parent) {
		return parent.supervisor("nested").orElseThrow();
	}

}
