package dev.resilience.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Restart;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Unit tests of {@link WorkerCycle} on a manual timer: what its operations return, how it numbers
 * incarnations and that a tick replaced while it is being scheduled does not stay on the timer.
 */
class WorkerCycleTests {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private final ManualWorkerScheduler timer = new ManualWorkerScheduler();

	private final ManualScheduler timeouts = new ManualScheduler();

	private final WorkerSpec spec = new WorkerSpec("w", INTERVAL, INTERVAL, null, Duration.ofSeconds(1),
			Restart.PERMANENT);

	private final WorkerRuns runs = new WorkerRuns("w");

	/** Runs on the timer while it schedules a task, once. */
	private Runnable whileScheduling;

	private final WorkerRuntime runtime = new WorkerRuntime(new WorkerScheduler() {

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
			Runnable hook = WorkerCycleTests.this.whileScheduling;
			WorkerCycleTests.this.whileScheduling = null;
			if (hook != null) {
				hook.run();
			}
			return WorkerCycleTests.this.timer.schedule(task, delay);
		}

		@Override
		public long nanoTime() {
			return WorkerCycleTests.this.timer.nanoTime();
		}

	}, Watchdog.on(this.timeouts), WorkerListener.NONE, new TestClock());

	private final WorkerCycle cycle = new WorkerCycle(this.spec, this.runtime, this.runs);

	@AfterEach
	void shutDown() {
		this.timeouts.shutdownNow();
	}

	@Test
	void parkTellsWhetherTheWorkerWasNotParkedAndUnparkWhetherItWas() {
		assertThat(this.cycle.unpark()).as("unpark, not parked").isFalse();
		assertThat(this.cycle.park()).as("park").isTrue();
		assertThat(this.cycle.park()).as("park again").isFalse();
		assertThat(this.runs.parked()).isTrue();
		assertThat(this.cycle.unpark()).as("unpark").isTrue();
		assertThat(this.cycle.unpark()).as("unpark again").isFalse();
		assertThat(this.runs.parked()).isFalse();
	}

	@Test
	void incarnationsAreNumberedFromOneInTheOrderTheyStart() throws Exception {
		assertThat(this.cycle.incarnations()).as("before the first start").isZero();
		ChildSpec child = childSpec(() -> true);
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			PeriodicWorker worker = (PeriodicWorker) child.starter().start((exit) -> {
			});
			numbers.add(worker.number());
			assertThat(this.cycle.state().incarnation()).isEqualTo(worker.number());
			assertThat(this.cycle.incarnations()).isEqualTo(worker.number());
			worker.stop(Duration.ofSeconds(1));
		}
		assertThat(numbers).containsExactly(1, 2, 3);
	}

	@Test
	void aStaleIncarnationCannotStopTheCurrentOne() throws Exception {
		ChildSpec child = childSpec(() -> true);
		Child first = child.starter().start((exit) -> {
		});
		first.stop(Duration.ofSeconds(1));
		child.starter().start((exit) -> {
		});
		first.stop(Duration.ofSeconds(1));
		assertThat(this.cycle.state().live()).isTrue();
		assertThat(this.timer.pending()).hasSize(1);
	}

	@Test
	void aTickReplacedWhileItIsBeingScheduledIsCancelledOnTheTimer() throws Exception {
		this.whileScheduling = this.cycle::pause;
		childSpec(() -> true).starter().start((exit) -> {
		});
		assertThat(this.timer.all()).singleElement().satisfies((task) -> assertThat(task.isCancelled()).isTrue());
		assertThat(this.runs.nextRun(this.runtime.clock())).as("paused").isNull();
		this.cycle.resume();
		assertThat(this.timer.pending()).singleElement()
			.satisfies((task) -> assertThat(task.delay()).isEqualTo(INTERVAL));
	}

	@Test
	void aJobSupplierThatGivesNoJobFailsTheStartNamingTheWorker() {
		ChildSpec child = PeriodicWorker.childSpec(this.cycle, this.spec, () -> null, this.runtime,
				CrashLog.withDefaults("w", this.runtime.clock()));
		assertThatNullPointerException().isThrownBy(() -> child.starter().start((exit) -> {
		})).withMessage("no job for worker 'w'");
	}

	private ChildSpec childSpec(WorkerJob job) {
		return PeriodicWorker.childSpec(this.cycle, this.spec, () -> job, this.runtime,
				CrashLog.withDefaults("w", this.runtime.clock()));
	}

}
