package dev.resilience.tree;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import dev.resilience.alarm.Alarms;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.DependencyCheck;
import dev.resilience.check.PassiveChecks;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.CrashLog;
import dev.resilience.worker.LeaseStore;
import dev.resilience.worker.RunObserver;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;

/**
 * Builds a {@link SupervisionTree}. Nothing is required: by default the tree times on the timer
 * of its alarm list (or one of its own) and runs on run threads of its own. Without
 * {@link #alarms alarms} no crash-loop or lock alarm is raised and no check can be added. Not
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class SupervisionTreeBuilder {

	WorkerScheduler scheduler;

	Timer timer;

	Executor runThreads;

	Watchdog watchdog;

	/** The clock given, or {@code null} for the timer's ({@link Timer#clock()}). */
	Clock clock;

	RandomGenerator random = WorkerRuntime.THREAD_LOCAL_RANDOM;

	Intensity rootIntensity = Intensity.DEFAULT;

	Alarms alarms;

	PassiveChecks passiveChecks;

	ClusterLock clusterLock;

	String instance = "this instance";

	LeaseStore leaseStore;

	BooleanSupplier leaseStandBy = () -> false;

	Duration leaseTime;

	RunObserver runObserver = RunObserver.NONE;

	Duration crashSummaryInterval = CrashLog.DEFAULT_SUMMARY_INTERVAL;

	final List<SupervisionListener> supervisionListeners = new ArrayList<>();

	final List<WorkerListener> workerListeners = new ArrayList<>();

	final List<CheckListener> checkListeners = new ArrayList<>();

	final List<SingletonListener> singletonListeners = new ArrayList<>();

	final List<WorkerEntry> workers = new ArrayList<>();

	final List<CheckEntry> checks = new ArrayList<>();

	SupervisionTreeBuilder() {
	}

	/**
	 * @param timer the one timer of the tree; default: the {@linkplain Alarms#timer() alarm list's}
	 * when {@link #alarms alarms} are given, else one of the tree's own, stopped with the tree
	 * @return this builder
	 */
	public SupervisionTreeBuilder timer(Timer timer) {
		this.timer = Objects.requireNonNull(timer, "timer");
		return this;
	}

	/**
	 * @param runThreads where runs execute; default {@link dev.resilience.runtime.RunThreads#platform}
	 * threads of the tree's own, as many as runs in flight, closed with the tree
	 * @return this builder
	 */
	public SupervisionTreeBuilder runThreads(Executor runThreads) {
		this.runThreads = Objects.requireNonNull(runThreads, "runThreads");
		return this;
	}

	/**
	 * @param scheduler times the workers' ticks instead of the tree's timer, for tests with a
	 * manual scheduler
	 * @return this builder
	 */
	public SupervisionTreeBuilder scheduler(WorkerScheduler scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		return this;
	}

	/**
	 * @param watchdog times run and check timeouts; default: the tree's timer's
	 * @return this builder
	 */
	public SupervisionTreeBuilder watchdog(Watchdog watchdog) {
		this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
		return this;
	}

	/**
	 * @param clock the clock for restart windows and status times; default the tree's timer's
	 * ({@link Timer#clock()}: the system clock unless the timer was given another)
	 * @return this builder
	 */
	public SupervisionTreeBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * @param random spreads each restart backoff delay within its jitter; default
	 * {@link WorkerRuntime#THREAD_LOCAL_RANDOM}; a test passes a seeded one for the same delays on
	 * every run
	 * @return this builder
	 */
	public SupervisionTreeBuilder random(RandomGenerator random) {
		this.random = Objects.requireNonNull(random, "random");
		return this;
	}

	/**
	 * @param intensity the root supervisor's restart intensity; default {@link Intensity#DEFAULT}
	 * @return this builder
	 */
	public SupervisionTreeBuilder rootIntensity(Intensity intensity) {
		this.rootIntensity = Objects.requireNonNull(intensity, "intensity");
		return this;
	}

	/**
	 * @param alarms where crash-loop, lock and check alarms go
	 * @return this builder
	 */
	public SupervisionTreeBuilder alarms(Alarms alarms) {
		this.alarms = Objects.requireNonNull(alarms, "alarms");
		return this;
	}

	/**
	 * @param lock the lock that cluster-singleton workers run under
	 * @param instance this instance's name, for the snapshot
	 * @return this builder
	 */
	public SupervisionTreeBuilder clusterLock(ClusterLock lock, String instance) {
		this.clusterLock = Objects.requireNonNull(lock, "lock");
		this.instance = Objects.requireNonNull(instance, "instance");
		return this;
	}

	/**
	 * Runs cluster singletons on leases, sticky and fenced, instead of a {@link #clusterLock}
	 * taken per run; wins over a cluster lock when both are given.
	 * @param store where the leases live
	 * @param instance this instance's id, unique in the fleet: the holder written in the store
	 * @param leaseTime how long a lease is held unless renewed, unless a worker gives its own
	 * ({@link WorkerSettings#leaseTime()}); it is renewed every third of it
	 * @return this builder
	 * @throws IllegalArgumentException if the lease time is not positive
	 */
	public SupervisionTreeBuilder leases(LeaseStore store, String instance, Duration leaseTime) {
		Objects.requireNonNull(leaseTime, "leaseTime");
		if (leaseTime.isZero() || leaseTime.isNegative()) {
			throw new IllegalArgumentException("the lease time must be positive, not " + leaseTime);
		}
		this.leaseStore = Objects.requireNonNull(store, "store");
		this.instance = Objects.requireNonNull(instance, "instance");
		this.leaseTime = leaseTime;
		return this;
	}

	/**
	 * Makes this instance stand by while {@code standBy} says so (as while it refuses traffic):
	 * its cluster singletons release their leases (at a run's end, before a run, or at the next
	 * renewal) and take none until it returns false.
	 * @param standBy asked before and after every run and at every renewal
	 * @return this builder
	 */
	public SupervisionTreeBuilder leaseStandBy(BooleanSupplier standBy) {
		this.leaseStandBy = Objects.requireNonNull(standBy, "standBy");
		return this;
	}

	/**
	 * @param listener hears restarts, stops and escalations
	 * @return this builder
	 */
	public SupervisionTreeBuilder supervisionListener(SupervisionListener listener) {
		this.supervisionListeners.add(Objects.requireNonNull(listener, "listener"));
		return this;
	}

	/**
	 * @param listener hears every run of every worker
	 * @return this builder
	 */
	public SupervisionTreeBuilder workerListener(WorkerListener listener) {
		this.workerListeners.add(Objects.requireNonNull(listener, "listener"));
		return this;
	}

	/**
	 * @param observer observes every run of every worker (checks' workers included) on its
	 * thread, for tracing; default {@link RunObserver#NONE}: runs are not observed
	 * @return this builder
	 */
	public SupervisionTreeBuilder runObserver(RunObserver observer) {
		this.runObserver = Objects.requireNonNull(observer, "observer");
		return this;
	}

	/**
	 * @param interval the least time between two log lines about a worker's repeated crashes (see
	 * {@link CrashLog}); default one minute
	 * @return this builder
	 * @throws IllegalArgumentException if it is not positive
	 */
	public SupervisionTreeBuilder crashSummaryInterval(Duration interval) {
		Objects.requireNonNull(interval, "interval");
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("the crash summary interval must be positive, not " + interval);
		}
		this.crashSummaryInterval = interval;
		return this;
	}

	/**
	 * @param listener hears checks run and change state
	 * @return this builder
	 */
	public SupervisionTreeBuilder checkListener(CheckListener listener) {
		this.checkListeners.add(Objects.requireNonNull(listener, "listener"));
		return this;
	}

	/**
	 * @param listener hears the lock attempts of cluster-singleton workers
	 * @return this builder
	 */
	public SupervisionTreeBuilder singletonListener(SingletonListener listener) {
		this.singletonListeners.add(Objects.requireNonNull(listener, "listener"));
		return this;
	}

	/**
	 * Adds a worker; workers start in the order they are added.
	 * @param settings the worker's settings
	 * @param jobs supplies its job on every (re)start: a fresh one for clean state
	 * @return this builder
	 */
	public SupervisionTreeBuilder worker(WorkerSettings settings, Supplier<? extends WorkerJob> jobs) {
		this.workers.add(new WorkerEntry(Objects.requireNonNull(settings, "settings"),
				Objects.requireNonNull(jobs, "jobs")));
		return this;
	}

	/**
	 * Adds a dependency check, run as the worker {@code <name>-check} whose first check comes at
	 * once; checks start before the workers.
	 * @param settings how the check runs
	 * @param check the check
	 * @return this builder
	 */
	public SupervisionTreeBuilder check(CheckSettings settings, DependencyCheck check) {
		this.checks.add(new CheckEntry(Objects.requireNonNull(settings, "settings"),
				Objects.requireNonNull(check, "check")));
		return this;
	}

	/**
	 * Sets where the application reports how its calls went ({@link SupervisionTree#passiveChecks()}):
	 * the tree attaches its checks to it as it starts and detaches them as it stops. Without
	 * it, the tree has one of its own.
	 * @param passiveChecks the reports' entry point, shared with the application
	 * @return this builder
	 */
	public SupervisionTreeBuilder passiveChecks(PassiveChecks passiveChecks) {
		this.passiveChecks = Objects.requireNonNull(passiveChecks, "passiveChecks");
		return this;
	}

	/**
	 * @return the tree, not started
	 * @throws IllegalStateException if there are checks, lock or crash-loop
	 * alarms without alarms
	 * @throws IllegalArgumentException if two workers share a name, a group has a worker's
	 * name, or a worker depends on a check the tree does not have
	 */
	public SupervisionTree build() {
		if (!this.checks.isEmpty() && this.alarms == null) {
			throw new IllegalStateException("dependency checks need alarms: call alarms(...)");
		}
		List<String> checkNames = this.checks.stream().map((check) -> check.settings().name()).toList();
		for (WorkerEntry worker : this.workers) {
			for (String check : worker.settings().dependsOn()) {
				if (!checkNames.contains(check)) {
					throw new IllegalArgumentException("worker '" + worker.settings().name() + "' depends on check '"
							+ check + "', which the tree does not have; its checks: " + checkNames);
				}
			}
		}
		return new SupervisionTree(this);
	}

	record WorkerEntry(WorkerSettings settings, Supplier<? extends WorkerJob> jobs) {
	}

	record CheckEntry(CheckSettings settings, DependencyCheck check) {
	}

}
