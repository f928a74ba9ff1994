package dev.resilience.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.runtime.RunThreads;
import dev.resilience.runtime.Timer;
import dev.resilience.supervisor.Restart;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.testsupport.QuietLogs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations of {@link WorkerCycleModelTests} arriving from four threads at once, on the real
 * timer and run threads, at a worker whose runs (every 5 ms) crash, time out or return false now
 * and then under its supervisor: no two runs ever overlap, no run starts while the worker is
 * stopped, exactly one tick is pending once the storm is over, and the worker then runs at its
 * schedule's rate, not faster (the double schedule of round 2 ran it about ten times too often).
 */
class WorkerCycleConcurrencyTests {

	private static final Duration INTERVAL = Duration.ofMillis(5);

	/** The operations one thread sends. */
	enum Op {

		PAUSE, RESUME, TRIGGER, PARK, UNPARK, STOP, RESTART

	}

	@Property(tries = 8, seed = "20261202")
	void stormsOfControlsLeaveOneScheduleAndNeverOverlapRuns(@ForAll("storm") List<List<Op>> threads)
			throws Exception {
		storm(threads);
	}

	@Property(tries = 4)
	void randomStormsOfControlsLeaveOneScheduleAndNeverOverlapRuns(@ForAll("storm") List<List<Op>> threads)
			throws Exception {
		storm(threads);
	}

	@Provide
	Arbitrary<List<List<Op>>> storm() {
		return Arbitraries.of(Op.values()).list().ofMinSize(50).ofMaxSize(300).list().ofSize(4);
	}

	private void storm(List<List<Op>> threads) throws Exception {
		Timer timer = Timer.start("model-timer");
		RunThreads runThreads = RunThreads.platform(0);
		AtomicInteger inFlight = new AtomicInteger();
		AtomicLong runs = new AtomicLong();
		AtomicInteger jobs = new AtomicInteger();
		List<String> violations = new CopyOnWriteArrayList<>();
		WorkerSpec spec = new WorkerSpec("w", INTERVAL, INTERVAL, Duration.ofMillis(50), Duration.ofSeconds(1),
				Restart.PERMANENT);
		WorkerRuntime runtime = new WorkerRuntime(WorkerScheduler.of(timer), runThreads, timer.watchdog(),
				WorkerListener.NONE, java.time.Clock.systemUTC(), RunObserver.NONE, WorkerRuntime.THREAD_LOCAL_RANDOM);
		WorkerRuns record = new WorkerRuns("w");
		WorkerCycle cycle = new WorkerCycle(spec, runtime, record);
		Supervisor supervisor = Supervisor.builder("w")
			.intensity(new dev.resilience.supervisor.Intensity(1_000_000, Duration.ofSeconds(1)))
			.child(PeriodicWorker.childSpec(cycle, spec, () -> {
				int job = jobs.incrementAndGet();
				return () -> {
					if (inFlight.incrementAndGet() != 1) {
						violations.add("two runs in flight");
					}
					try {
						long n = runs.incrementAndGet();
						if (n % 17 == 0) {
							throw new IllegalStateException("crash of job " + job);
						}
						if (n % 23 == 0) {
							new CountDownLatch(1).await(200, java.util.concurrent.TimeUnit.MILLISECONDS); // past the timeout: interrupted
						}
						return n % 29 != 0;
					}
					finally {
						inFlight.decrementAndGet();
					}
				};
			}, runtime, CrashLog.withDefaults("w", java.time.Clock.systemUTC())))
			.build();
		try (QuietLogs quiet = QuietLogs.of(PeriodicWorker.class, CrashLog.class, Supervisor.class)) {
			supervisor.start();
			CountDownLatch go = new CountDownLatch(1);
			List<Thread> senders = threads.stream().map((ops) -> new Thread(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (Op op : ops) {
					switch (op) {
						case PAUSE -> cycle.pause();
						case RESUME -> cycle.resume();
						case TRIGGER -> cycle.trigger();
						case PARK -> cycle.park();
						case UNPARK -> cycle.unpark();
						case STOP -> supervisor.terminateChild("w");
						case RESTART -> supervisor.restartChild("w");
					}
					Thread.onSpinWait();
				}
			}, "storm")).toList();
			senders.forEach(Thread::start);
			go.countDown();
			for (Thread sender : senders) {
				sender.join();
			}
			assertThat(violations).isEmpty();

			cycle.resume();
			cycle.unpark();
			supervisor.restartChild("w");
			await().atMost(Duration.ofSeconds(5)).until(() -> cycle.state().pending() != null);
			long before = runs.get();
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= before + 40);
			double perRun = (System.nanoTime() - start) / 40.0;
			assertThat(perRun).as("ns per run after the storm, against an interval of %s", INTERVAL)
				.isGreaterThan(INTERVAL.toNanos() * 0.8);

			supervisor.terminateChild("w");
			long stopped = runs.get();
			await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == stopped);
			assertThat(cycle.state().pending()).as("no tick after stop").isNull();
			assertThat(violations).isEmpty();
		}
		finally {
			supervisor.stop();
			timer.close();
			runThreads.close();
		}
	}

}
