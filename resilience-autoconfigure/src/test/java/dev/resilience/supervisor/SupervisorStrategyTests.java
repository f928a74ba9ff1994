package dev.resilience.supervisor;

import java.time.Duration;

import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the restart {@link Strategy strategies} of a {@link Supervisor}.
 */
class SupervisorStrategyTests {

	private final TestClock clock = new TestClock();

	private final TestChildren children = new TestChildren();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void startsChildrenInOrder() {
		start(Strategy.ONE_FOR_ONE);
		assertThat(this.children.events()).containsExactly("start:a", "start:b", "start:c");
	}

	@Test
	void oneForOneRestartsOnlyTheExitedChild() {
		start(Strategy.ONE_FOR_ONE);
		TestChild a = this.children.current("a");
		TestChild c = this.children.current("c");
		this.children.clearEvents();
		this.children.current("b").crash();
		assertThat(this.children.events()).containsExactly("start:b");
		assertThat(this.children.current("a")).isSameAs(a);
		assertThat(this.children.current("c")).isSameAs(c);
		assertThat(a.isStopped()).isFalse();
		assertThat(c.isStopped()).isFalse();
		assertThat(this.listener.calls()).containsExactly("exited:sup/b/ABNORMAL", "restarted:sup/b");
	}

	@Test
	void oneForAllStopsTheOthersInReverseOrderThenRestartsAllInOrder() {
		start(Strategy.ONE_FOR_ALL);
		this.children.clearEvents();
		this.children.current("b").crash();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:a", "start:a", "start:b", "start:c");
		assertThat(this.children.incarnations("a").get(0).isStopped()).isTrue();
		assertThat(this.children.incarnations("c").get(0).isStopped()).isTrue();
		assertThat(this.listener.calls()).containsExactly("exited:sup/b/ABNORMAL", "stopped:sup/c", "stopped:sup/a",
				"restarted:sup/a", "restarted:sup/b", "restarted:sup/c");
	}

	@Test
	void oneForAllAfterTheFirstChildExitsRestartsEveryChild() {
		start(Strategy.ONE_FOR_ALL);
		this.children.clearEvents();
		this.children.current("a").crash();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:b", "start:a", "start:b", "start:c");
	}

	@Test
	void oneForAllCountsOneRestartPerExit() {
		Supervisor supervisor = start(Strategy.ONE_FOR_ALL);
		this.children.current("b").crash();
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(1);
	}

	@Test
	void restForOneStopsLaterChildrenInReverseOrderThenRestartsFromTheExitedOne() {
		start(Strategy.REST_FOR_ONE, "a", "b", "c", "d");
		TestChild a = this.children.current("a");
		this.children.clearEvents();
		this.children.current("b").crash();
		assertThat(this.children.events()).containsExactly("stop:d", "stop:c", "start:b", "start:c", "start:d");
		assertThat(this.children.current("a")).isSameAs(a);
		assertThat(a.isStopped()).isFalse();
	}

	@Test
	void restForOneAfterTheFirstChildExitsRestartsEveryChild() {
		start(Strategy.REST_FOR_ONE);
		this.children.clearEvents();
		this.children.current("a").crash();
		assertThat(this.children.events()).containsExactly("stop:c", "stop:b", "start:a", "start:b", "start:c");
	}

	@Test
	void restForOneAfterTheLastChildExitsRestartsOnlyIt() {
		start(Strategy.REST_FOR_ONE);
		this.children.clearEvents();
		this.children.current("c").crash();
		assertThat(this.children.events()).containsExactly("start:c");
	}

	@Test
	void aStaleExitOfAnIncarnationStoppedByTheStrategyIsIgnored() {
		Supervisor supervisor = start(Strategy.ONE_FOR_ALL);
		TestChild oldC = this.children.current("c");
		this.children.current("a").crash();
		this.children.clearEvents();
		// the old c was stopped while its own exit was on the way, as a worker ending a run can be
		oldC.crash();
		assertThat(this.children.events()).isEmpty();
		assertThat(this.children.starts("c")).isEqualTo(2);
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(1);
	}

	@Test
	void strategyRestartsCountTowardIntensity() {
		Supervisor supervisor = Supervisor.builder("sup")
			.strategy(Strategy.ONE_FOR_ALL)
			.intensity(new Intensity(1, Duration.ofSeconds(5)))
			.clock(this.clock)
			.child(this.children.worker("a"))
			.child(this.children.worker("b"))
			.build();
		RecordingExitHandler parent = new RecordingExitHandler();
		supervisor.start(parent);
		this.children.current("a").crash();
		this.children.current("b").crash();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(parent.exits()).hasSize(1);
	}

	private Supervisor start(Strategy strategy) {
		return start(strategy, "a", "b", "c");
	}

	private Supervisor start(Strategy strategy, String... ids) {
		SupervisorBuilder builder = Supervisor.builder("sup")
			.strategy(strategy)
			.intensity(new Intensity(10, Duration.ofSeconds(5)))
			.clock(this.clock)
			.listener(this.listener);
		for (String id : ids) {
			builder.child(this.children.worker(id));
		}
		Supervisor supervisor = builder.build();
		supervisor.start(new RecordingExitHandler());
		return supervisor;
	}

}
