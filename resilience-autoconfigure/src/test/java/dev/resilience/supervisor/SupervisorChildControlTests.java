package dev.resilience.supervisor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Supervisor#terminateChild} and {@link Supervisor#restartChild}.
 */
class SupervisorChildControlTests {

	private final TestClock clock = new TestClock();

	private final TestChildren children = new TestChildren();

	private final RecordingListener listener = new RecordingListener();

	private final RecordingExitHandler parent = new RecordingExitHandler();

	@Test
	void terminateChildStopsARunningChildAndKeepsItTerminated() {
		Supervisor supervisor = start(new Intensity(3, Duration.ofSeconds(5)), this.children.worker("a"),
				this.children.worker("b").withShutdownTimeout(Duration.ofMillis(321)));
		TestChild b = this.children.current("b");
		this.children.clearEvents();
		assertThat(supervisor.terminateChild("b")).isTrue();
		assertThat(this.children.events()).containsExactly("stop:b");
		assertThat(b.shutdownTimeout()).isEqualTo(Duration.ofMillis(321));
		assertThat(this.listener.calls()).containsExactly("stopped:sup/b");
		assertThat(supervisor.child("b")).isEmpty();
		assertThat(supervisor.snapshot().children()).extracting(SupervisorSnapshot.ChildSnapshot::id,
				SupervisorSnapshot.ChildSnapshot::running)
			.containsExactly(tuple("a", true), tuple("b", false));
		assertThat(supervisor.snapshot().restartsInWindow()).isZero();
	}

	@Test
	void terminateChildOfATerminatedChildReturnsFalse() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"));
		assertThat(supervisor.terminateChild("a")).isTrue();
		this.children.clearEvents();
		assertThat(supervisor.terminateChild("a")).isFalse();
		assertThat(this.children.events()).isEmpty();
	}

	@Test
	void terminateChildRemovesATemporaryChild() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"),
				this.children.worker("tmp").withRestart(Restart.TEMPORARY));
		assertThat(supervisor.terminateChild("tmp")).isTrue();
		assertThat(supervisor.snapshot().children()).extracting(SupervisorSnapshot.ChildSnapshot::id)
			.containsExactly("a");
		assertThatIllegalArgumentException().isThrownBy(() -> supervisor.restartChild("tmp"));
	}

	@Test
	void terminateChildOfAnUnknownChildIsRejected() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"));
		assertThatIllegalArgumentException().isThrownBy(() -> supervisor.terminateChild("nope"))
			.withMessageContaining("nope");
	}

	@Test
	void exitOfATerminatedChildIsIgnored() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"));
		TestChild a = this.children.current("a");
		supervisor.terminateChild("a");
		a.crash();
		assertThat(this.children.starts("a")).isEqualTo(1);
		assertThat(supervisor.snapshot().restartsInWindow()).isZero();
	}

	@Test
	void restartChildStartsATerminatedChildAgain() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"), this.children.worker("b"));
		supervisor.terminateChild("a");
		this.children.clearEvents();
		this.listener.clear();
		supervisor.restartChild("a");
		assertThat(this.children.events()).containsExactly("start:a");
		assertThat(supervisor.child("a")).containsSame(this.children.current("a"));
		assertThat(this.listener.calls()).containsExactly("restarted:sup/a");
	}

	@Test
	void restartChildStopsARunningChildThenStartsAFreshOne() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"), this.children.worker("b"));
		TestChild first = this.children.current("a");
		TestChild b = this.children.current("b");
		this.children.clearEvents();
		this.listener.clear();
		supervisor.restartChild("a");
		assertThat(this.children.events()).containsExactly("stop:a", "start:a");
		assertThat(first.isStopped()).isTrue();
		assertThat(this.children.current("a")).isNotSameAs(first);
		assertThat(b.isStopped()).isFalse();
		assertThat(this.listener.calls()).containsExactly("stopped:sup/a", "restarted:sup/a");
	}

	@Test
	void restartChildIgnoresTheStrategy() {
		Supervisor supervisor = Supervisor.builder("sup")
			.strategy(Strategy.ONE_FOR_ALL)
			.clock(this.clock)
			.child(this.children.worker("a"))
			.child(this.children.worker("b"))
			.build();
		supervisor.start(this.parent);
		this.children.clearEvents();
		supervisor.restartChild("a");
		assertThat(this.children.events()).containsExactly("stop:a", "start:a");
	}

	@Test
	void restartsOnRequestDoNotCountTowardIntensity() {
		Supervisor supervisor = start(new Intensity(0, Duration.ofSeconds(5)), this.children.worker("a"));
		for (int i = 0; i < 5; i++) {
			supervisor.restartChild("a");
		}
		assertThat(this.children.starts("a")).isEqualTo(6);
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(supervisor.snapshot().restartsInWindow()).isZero();
		assertThat(this.parent.exits()).isEmpty();
	}

	@Test
	void oldIncarnationsExitAfterRestartChildIsIgnored() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"));
		TestChild first = this.children.current("a");
		supervisor.restartChild("a");
		first.crash();
		assertThat(this.children.starts("a")).isEqualTo(2);
		assertThat(supervisor.child("a")).containsSame(this.children.current("a"));
	}

	@Test
	void restartChildOfAnUnknownChildIsRejected() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"));
		assertThatIllegalArgumentException().isThrownBy(() -> supervisor.restartChild("nope"))
			.withMessageContaining("nope");
	}

	@Test
	void restartChildOfASupervisorThatIsNotRunningIsRejected() {
		Supervisor supervisor = Supervisor.builder("sup").child(this.children.worker("a")).build();
		assertThatIllegalStateException().isThrownBy(() -> supervisor.restartChild("a"));
		supervisor.start(this.parent);
		supervisor.stop();
		assertThatIllegalStateException().isThrownBy(() -> supervisor.restartChild("a"));
		assertThat(this.children.starts("a")).isEqualTo(1);
	}

	@Test
	void restartChildThatFailsToStartThrowsAndLeavesItTerminated() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"), this.children.worker("b"));
		this.children.failStarts("a", 1);
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.restartChild("a"))
			.satisfies((ex) -> assertThat(ex.getChild()).isEqualTo("a"));
		assertThat(supervisor.child("a")).isEmpty();
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.RUNNING);
		supervisor.restartChild("a");
		assertThat(supervisor.child("a")).isPresent();
	}

	@Test
	void restartChildThatFailsToStartStillReportsTheStopToListeners() {
		Supervisor supervisor = start(Intensity.DEFAULT, this.children.worker("a"));
		this.children.failStarts("a", 1);
		this.listener.clear();
		assertThatExceptionOfType(SupervisorStartException.class).isThrownBy(() -> supervisor.restartChild("a"));
		assertThat(this.listener.calls()).containsExactly("stopped:sup/a");
	}

	@Test
	void escalationOfASiblingsConcurrentExitIsNotLostWhenRestartChildFails() throws InterruptedException {
		Supervisor supervisor = start(new Intensity(0, Duration.ofSeconds(5)), this.children.worker("a"),
				this.children.worker("b"));
		CountDownLatch stopping = new CountDownLatch(1);
		CountDownLatch releaseStop = new CountDownLatch(1);
		this.children.current("a").onStop(() -> {
			stopping.countDown();
			awaitQuietly(releaseStop);
		});
		this.children.failStarts("a", 1);
		Thread restarter = new Thread(() -> {
			try {
				supervisor.restartChild("a");
			}
			catch (SupervisorStartException ex) {
				// expected: a's start fails
			}
		}, "restarter");
		restarter.start();
		assertThat(stopping.await(10, TimeUnit.SECONDS)).isTrue();
		// b crashes on its own thread while restartChild holds the lock stopping a
		TestChild b = this.children.current("b");
		Thread crasher = new Thread(b::crash, "crasher");
		crasher.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> crasher.getState() == Thread.State.WAITING);
		releaseStop.countDown();
		restarter.join(10_000);
		crasher.join(10_000);
		assertThat(supervisor.state()).isEqualTo(Supervisor.State.FAILED);
		assertThat(this.parent.exits()).as("the parent hears that its child supervisor gave up").hasSize(1);
		assertThat(this.listener.calls()).contains("escalated:sup");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Supervisor start(Intensity intensity, ChildSpec... specs) {
		SupervisorBuilder builder = Supervisor.builder("sup")
			.intensity(intensity)
			.clock(this.clock)
			.listener(this.listener);
		for (ChildSpec spec : specs) {
			builder.child(spec);
		}
		Supervisor supervisor = builder.build();
		supervisor.start(this.parent);
		return supervisor;
	}

}
