package dev.resilience.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Child;
import dev.resilience.supervisor.ChildSpec;
import dev.resilience.supervisor.Restart;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import dev.resilience.testsupport.QuietLogs;
import dev.resilience.testsupport.TestClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test of one worker: random sequences of every operation (tick with a run that ends
 * ok, crashes, times out or returns false; pause, resume, trigger, park, unpark, stop, restart)
 * against the real {@link WorkerCycle} and {@link PeriodicWorker} on a manual timer, compared
 * after every step with a plain model of the state table. It checks that at most one tick is
 * pending (exactly one while the worker is live, idle and not paused), that no run starts while
 * paused, parked or stopped, that every tick after a run or a resume is one interval away (the
 * schedule's rate), and that triggers, the failure streak and the run count match the model.
 * Runs happen on the test's thread, one at a time; {@link WorkerCycleConcurrencyTests} drives real
 * threads at the same operations.
 */
class WorkerCycleModelTests {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	/** The operations. */
	enum Op {

		TICK_OK, TICK_CRASH, TICK_TIMEOUT, TICK_FALSE, PAUSE, RESUME, TRIGGER, PARK, UNPARK, STOP, RESTART

	}

	@Property(tries = 300, seed = "20261202")
	void seededSequencesFollowTheModel(@ForAll("sequences") List<Op> ops) throws Exception {
		new Run().all(ops);
	}

	@Property(tries = 200)
	void randomSequencesFollowTheModel(@ForAll("sequences") List<Op> ops) throws Exception {
		new Run().all(ops);
	}

	/**
	 * The double schedule of round 2: a trigger while a tick was pending, then a resume racing a
	 * pause, left two tick chains (a run ending while a trigger arrived scheduled twice). Here one
	 * tick stays pending throughout.
	 */
	@Example
	void regressionTriggerPauseResumeLeavesOneTickChain() throws Exception {
		new Run().all(List.of(Op.TRIGGER, Op.TICK_OK, Op.TRIGGER, Op.PAUSE, Op.RESUME, Op.TRIGGER, Op.RESUME,
				Op.TICK_OK, Op.TICK_OK, Op.PARK, Op.TRIGGER, Op.TICK_OK, Op.UNPARK, Op.TICK_CRASH, Op.RESTART,
				Op.TRIGGER, Op.TICK_TIMEOUT, Op.RESTART, Op.PAUSE, Op.STOP, Op.RESUME, Op.RESTART, Op.TICK_OK));
	}

	@Provide
	Arbitrary<List<Op>> sequences() {
		return Arbitraries.of(Op.values()).list().ofMinSize(1).ofMaxSize(60);
	}

	/** One try: the worker, its manual timer and the model. */
	private static final class Run {

		private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

		private final ManualScheduler timeouts = new ManualScheduler();

		private final TestClock clock = new TestClock();

		private final WorkerRuns runs = new WorkerRuns("w");

		private final List<String> violations = new ArrayList<>();

		private final ChildSpec child;

		private final WorkerCycle cycle;

		private Child current;

		private Op outcome = Op.TICK_OK;

		private int inFlight;

		// the model
		private boolean live;

		private boolean paused;

		private boolean parked;

		private boolean pending;

		private long runCount;

		private int streak;

		private Duration delay = INTERVAL;

		Run() {
			WorkerSpec spec = new WorkerSpec("w", INTERVAL, INTERVAL, INTERVAL, Duration.ofSeconds(1),
					Restart.PERMANENT);
			WorkerRuntime runtime = new WorkerRuntime(this.scheduler, Watchdog.on(this.timeouts), WorkerListener.NONE,
					this.clock);
			this.cycle = new WorkerCycle(spec, runtime, this.runs);
			this.child = PeriodicWorker.childSpec(this.cycle, spec, () -> this::job, runtime,
					new CrashLog("w", 3, Duration.ofMinutes(1), this.clock));
		}

		void all(List<Op> ops) throws Exception {
			try (QuietLogs quiet = QuietLogs.of(PeriodicWorker.class, CrashLog.class)) {
				start();
				for (Op op : ops) {
					step(op);
					check(op);
				}
			}
			finally {
				this.timeouts.shutdownNow();
			}
		}

		private boolean job() throws InterruptedException {
			if (++this.inFlight != 1) {
				this.violations.add("two runs in flight");
			}
			if (this.paused || this.parked || !this.live) {
				this.violations.add("a run started while paused, parked or stopped");
			}
			try {
				switch (this.outcome) {
					case TICK_CRASH -> throw new IllegalStateException("boom");
					case TICK_FALSE -> {
						return false;
					}
					case TICK_TIMEOUT -> {
						ManualScheduler.Task last = null;
						while (this.timeouts.pending() > 0) {
							last = this.timeouts.next();
						}
						last.run(); // this run's timeout fires: the watchdog interrupts this thread
						return true;
					}
					default -> {
						return true;
					}
				}
			}
			finally {
				this.inFlight--;
			}
		}

		private void start() throws Exception {
			this.current = this.child.starter().start((exit) -> {
			});
			this.live = true;
			this.pending = !this.paused;
			this.delay = INTERVAL;
		}

		private void step(Op op) throws Exception {
			switch (op) {
				case TICK_OK, TICK_CRASH, TICK_TIMEOUT, TICK_FALSE -> tick(op);
				case PAUSE -> {
					this.cycle.pause();
					this.paused = true;
					this.pending = false;
				}
				case RESUME -> {
					this.cycle.resume();
					if (this.paused && this.live) {
						this.pending = true;
						this.delay = INTERVAL;
					}
					this.paused = false;
				}
				case TRIGGER -> {
					Trigger expected = !this.live ? Trigger.NOT_RUNNING : this.paused ? Trigger.PAUSED
							: this.parked ? Trigger.PARKED : Trigger.STARTED;
					assertThat(this.cycle.trigger()).as("trigger").isEqualTo(expected);
					if (expected == Trigger.STARTED) {
						this.delay = Duration.ZERO;
					}
				}
				case PARK -> {
					this.cycle.park();
					this.parked = true;
				}
				case UNPARK -> {
					this.cycle.unpark();
					this.parked = false;
				}
				case STOP -> stop();
				case RESTART -> {
					stop();
					start();
				}
			}
		}

		private void tick(Op op) {
			if (this.scheduler.pending().isEmpty()) {
				assertThat(this.pending).as("the model has a tick pending").isFalse();
				return;
			}
			this.outcome = op;
			this.scheduler.runNext();
			this.delay = INTERVAL;
			if (this.parked) {
				return; // it ticks on
			}
			this.runCount++;
			this.streak = (op == Op.TICK_CRASH || op == Op.TICK_TIMEOUT) ? this.streak + 1 : 0;
			if (op != Op.TICK_OK) {
				this.live = false;
				this.pending = false;
			}
		}

		private void stop() {
			if (this.live) {
				this.current.stop(Duration.ofSeconds(1));
			}
			this.live = false;
			this.pending = false;
		}

		private void check(Op op) {
			assertThat(this.violations).as("after " + op).isEmpty();
			List<ManualWorkerScheduler.Tick> ticks = this.scheduler.pending();
			assertThat(ticks).as("pending ticks after " + op).hasSize(this.pending ? 1 : 0);
			if (this.pending) {
				assertThat(ticks.get(0).delay()).as("the next tick after " + op).isEqualTo(this.delay);
			}
			assertThat(this.runs.paused()).as("paused after " + op).isEqualTo(this.paused);
			assertThat(this.runs.parked()).as("parked after " + op).isEqualTo(this.parked);
			assertThat(this.runs.running()).as("running after " + op).isFalse();
			assertThat(this.runs.runs()).as("runs after " + op).isEqualTo(this.runCount);
			assertThat(this.runs.consecutiveFailures()).as("streak after " + op).isEqualTo(this.streak);
		}

	}

}
