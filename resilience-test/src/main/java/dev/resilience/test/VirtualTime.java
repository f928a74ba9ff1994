package dev.resilience.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.AlarmsBuilder;
import dev.resilience.runtime.Timer;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.SupervisionTreeBuilder;

/**
 * Time that moves only when a test moves it: the timer, run threads, clock and random of a
 * supervision tree and its alarm list, made virtual. {@link #advance(Duration)} runs, on the
 * calling thread and in time order, everything that falls due meanwhile: worker runs, restarts
 * and their backoff delays, checks and their hysteresis, alarm debounce and hold, alarm handlers
 * and remedies with their retries, stale watches, run and callback timeouts. Between two calls
 * nothing runs, so a test sees the same sequence on every run.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.create();
 * Alarms alarms = time.alarms().build();
 * SupervisionTree tree = time.supervisionTree(alarms)
 *     .worker(WorkerSettings.of("payments", Duration.ofSeconds(1)), () -> payments::pay)
 *     .build();
 * tree.start();
 * time.advance(Duration.ofHours(1));   // 3,600 runs, in milliseconds
 * }</pre>
 *
 * <p>On a {@code @SpringBootTest}, {@link AutoConfigureVirtualTime @AutoConfigureVirtualTime}
 * puts one in the application context as a bean and wires the starter to it.
 *
 * <p><b>What a run's duration is.</b> A run, a check, a handler call or a remedy takes no virtual
 * time: it runs on the advancing thread while the time stands still, so a timeout can never
 * pass during it, however long it takes for real. A job that should take virtual time calls
 * {@link #sleep(Duration)}: the time moves on by that much, running what falls due meanwhile,
 * and if the job's timeout falls due first, the sleep ends there with an
 * {@link InterruptedException} and the run ends as a timeout, as a real sleep interrupted by
 * the watchdog would. A real {@code Thread.sleep} in a job only blocks the test.
 *
 * <p><b>Randomness.</b> The random that spreads backoff delays is seeded ({@link #DEFAULT_SEED}
 * unless given), so jittered delays are the same on every run.
 *
 * <p><b>Threading.</b> This class is thread-safe, but the time moves on one thread at a time:
 * {@link #advance} from a second thread waits for the first to return. What falls due runs on the
 * thread that advances; work handed over from another thread waits for the next advance.
 *
 * @since 0.1.0
 */
public final class VirtualTime {

	/** Where virtual time starts unless told otherwise: 2026-01-01T00:00:00Z. */
	public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

	/** The seed of the random unless told otherwise. */
	public static final long DEFAULT_SEED = 42;

	private final Instant start;

	private final VirtualScheduler scheduler;

	private final Timer timer;

	private final Clock clock;

	private final RandomGenerator random;

	private final ReentrantLock advancing = new ReentrantLock();

	/** Virtual nanoseconds since the start. */
	private volatile long nanos;

	/** What a task threw in the advance under way, to rethrow from it. */
	private Throwable failure;

	private VirtualTime(Instant start, long seed) {
		this.start = Objects.requireNonNull(start, "start");
		this.scheduler = new VirtualScheduler(this);
		this.clock = new VirtualClock(this, ZoneOffset.UTC);
		this.timer = Timer.on(this.scheduler, this::nanos, this.clock);
		this.random = new Random(seed);
	}

	/** @return virtual time at {@link #DEFAULT_START}, seeded with {@link #DEFAULT_SEED} */
	public static VirtualTime create() {
		return new VirtualTime(DEFAULT_START, DEFAULT_SEED);
	}

	/**
	 * @param start the instant virtual time starts at
	 * @param seed the seed of the random that spreads backoff delays
	 * @return virtual time
	 */
	public static VirtualTime create(Instant start, long seed) {
		return new VirtualTime(start, seed);
	}

	/** @return the timer to give a tree or an alarm list: its delays, monotonic time and clock are virtual */
	public Timer timer() {
		return this.timer;
	}

	/**
	 * @return the run threads to give a tree: each run is handed over as a task due now, run by
	 * the advance under way (or the next one) on its thread
	 */
	public Executor runThreads() {
		return this.scheduler;
	}

	/** @return the executor to give an alarm list for its handlers and remedies, as {@link #runThreads()} */
	public Executor callbacks() {
		return this.scheduler;
	}

	/** @return the wall clock: the start plus the virtual time that has passed, in UTC */
	public Clock clock() {
		return this.clock;
	}

	/** @return the seeded random that spreads backoff delays */
	public RandomGenerator random() {
		return this.random;
	}

	/** @return a builder of an alarm list on this virtual time: its timer, clock and callbacks */
	public AlarmsBuilder alarms() {
		return Alarms.builder().timer(this.timer).callbackExecutor(this.scheduler);
	}

	/**
	 * @param alarms the tree's alarm list, best one from {@link #alarms()}
	 * @return a builder of a supervision tree on this virtual time: its timer, run threads,
	 * clock and random, and the alarm list
	 */
	public SupervisionTreeBuilder supervisionTree(Alarms alarms) {
		return supervisionTree().alarms(alarms);
	}

	/** @return a builder of a supervision tree on this virtual time, without alarms */
	public SupervisionTreeBuilder supervisionTree() {
		return SupervisionTree.builder().timer(this.timer).runThreads(this.scheduler).random(this.random);
	}

	/** @return the current virtual instant */
	public Instant now() {
		return this.start.plusNanos(this.nanos);
	}

	/** @return how much virtual time has passed since the start */
	public Duration elapsed() {
		return Duration.ofNanos(this.nanos);
	}

	/**
	 * Moves the time on, running everything that falls due on the way, in time order (what is due
	 * at the same instant in the order it was scheduled), on this thread; what those tasks
	 * schedule runs too if it falls due within the span.
	 * @param duration how far, zero to run only what is due now
	 * @throws IllegalArgumentException if it is negative
	 * @throws RuntimeException or {@link Error} what a task threw outside the runtime's own
	 * isolation (a bug, not a crash of a worker: crashes are the runtime's business); the time
	 * stands where that task was due
	 */
	public void advance(Duration duration) {
		long target = target(duration);
		try {
			runUntil(target, false);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex); // only a sleep stops on an interrupt
		}
	}

	/**
	 * Moves the time on to an instant; see {@link #advance(Duration)}.
	 * @param instant where to, not before {@link #now()}
	 */
	public void advanceTo(Instant instant) {
		advance(Duration.between(now(), instant));
	}

	/** Runs what is due now, such as the first checks of a tree just started, without moving the time. */
	public void runDue() {
		advance(Duration.ZERO);
	}

	/**
	 * For a job (or check, handler, remedy) that takes virtual time: moves the time on, as
	 * {@link #advance} does, running what falls due meanwhile, nested on this thread. If this
	 * thread is interrupted on the way (its run's timeout fell due), the sleep ends there.
	 * @param duration how long
	 * @throws InterruptedException if the thread was or got interrupted: its timeout fell due
	 */
	public void sleep(Duration duration) throws InterruptedException {
		long target = target(duration);
		if (Thread.interrupted()) {
			throw new InterruptedException("interrupted before a virtual sleep");
		}
		runUntil(target, true);
	}

	/** @return how many tasks (ticks, timeouts, debounces, runs handed over, ...) wait to fall due */
	public int pendingTasks() {
		return this.scheduler.pending();
	}

	/** @return how long from now until the next task falls due, empty when none waits */
	public java.util.Optional<Duration> untilNextTask() {
		long next = this.scheduler.nextDue();
		return (next == Long.MAX_VALUE) ? java.util.Optional.empty()
				: java.util.Optional.of(Duration.ofNanos(Math.max(0, next - this.nanos)));
	}

	long nanos() {
		return this.nanos;
	}

	/** A task run by this thread's advance failed. */
	void failed(Throwable failure) {
		if (this.advancing.isHeldByCurrentThread() && this.failure == null) {
			this.failure = failure;
		}
	}

	private long target(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("virtual time only moves on; asked to move by " + duration);
		}
		return Math.addExact(this.nanos, duration.toNanos());
	}

	private void runUntil(long target, boolean sleeping) throws InterruptedException {
		this.advancing.lock();
		try {
			VirtualScheduler.Task<?> task;
			while ((task = this.scheduler.pollDue(target)) != null) {
				if (task.due() > this.nanos) {
					this.nanos = task.due();
				}
				task.run();
				rethrowFailure();
				if (sleeping && Thread.interrupted()) {
					throw new InterruptedException("interrupted during a virtual sleep, at " + now());
				}
			}
			if (target > this.nanos) {
				this.nanos = target;
			}
		}
		finally {
			this.advancing.unlock();
		}
	}

	private void rethrowFailure() {
		Throwable thrown = this.failure;
		if (thrown == null) {
			return;
		}
		this.failure = null;
		if (thrown instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (thrown instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException("a task failed in virtual time at " + now(), thrown);
	}

	@Override
	public String toString() {
		return "VirtualTime at " + now() + " (" + elapsed() + " after " + this.start + ", " + pendingTasks()
				+ " task(s) pending)";
	}

	/** The wall clock of a virtual time. */
	private static final class VirtualClock extends Clock {

		private final VirtualTime time;

		private final ZoneId zone;

		VirtualClock(VirtualTime time, ZoneId zone) {
			this.time = time;
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new VirtualClock(this.time, zone);
		}

		@Override
		public Instant instant() {
			return this.time.now();
		}

	}

}
