package dev.resilience.tree;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckRunner;
import dev.resilience.check.CheckState;
import dev.resilience.check.CheckSnapshot;
import dev.resilience.check.PassiveChecks;
import dev.resilience.check.PassiveDetector;
import dev.resilience.runtime.RunThreads;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.ExitHandler;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.Trigger;
import dev.resilience.worker.WorkerCycle;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;

/**
 * The supervision tree of an application: a root supervisor and, under it, one sub-supervisor
 * per worker ({@code ONE_FOR_ONE}, restart intensity derived from the interval) or per group
 * ({@code ONE_FOR_ALL}). Dependency checks run as workers too, and start first. The tree wraps
 * cluster singletons in their lock, raises {@code <name>_crashing} and
 * {@code <name>_lock_unavailable}, takes per-worker commands, and gives one joined
 * {@link WorkerSnapshot} per worker.
 *
 * <pre>{@code
 * SupervisionTree tree = SupervisionTree.builder()
 *     .worker(WorkerSettings.of("payments", Duration.ofSeconds(1)), () -> payments::pay)
 *     .build();
 * tree.start();
 * }</pre>
 *
 * <p>One {@link Timer} thread ({@value Timer#THREAD_NAME}) times every delay of the tree and of its
 * alarm list (the tree takes the alarm list's timer unless it is given one); runs execute on {@link RunThreads}, so a run that never returns ties up only its own worker.
 *
 * <p><b>Threading.</b> This class is thread-safe. Its shape is fixed when it is built; restarts
 * and stops go to the sub-supervisor of the worker, which serializes them; pause, resume and
 * trigger are transitions of the worker's one state ({@link WorkerCycle}).
 *
 * @since 0.1.0
 */
public final class SupervisionTree {

	/** The id of the root supervisor. */
	public static final String ROOT = "root";

	private final Supervisor root;

	private final Map<String, WorkerNode> workers = new LinkedHashMap<>();

	private final Map<String, AtomicReference<Supervisor>> lastIncarnations = new LinkedHashMap<>();

	private final Map<String, CheckRunner> checks = new LinkedHashMap<>();

	private final Timer timer;

	private final boolean ownsTimer;

	private final RunThreads ownRunThreads;

	private final Watchdog watchdog;

	private final Clock clock;

	private final String instance;

	private final Parking parking;

	private final PassiveChecks passiveChecks;

	private final List<PassiveDetector> passiveDetectors;

	SupervisionTree(SupervisionTreeBuilder builder) {
		Timer shared = (builder.timer != null) ? builder.timer
				: (builder.alarms != null) ? builder.alarms.timer() : null;
		this.ownsTimer = shared == null;
		this.timer = this.ownsTimer ? Timer.start() : shared;
		if (builder.clock == null) {
			builder.clock = this.timer.clock(); // the builder is used up by this build: read below, and by the nodes
		}
		this.watchdog = (builder.watchdog != null) ? builder.watchdog : this.timer.watchdog();
		// runs handed over together share a wake-up on a timer of its own; a given timer may be virtual
		this.ownRunThreads = (builder.runThreads != null) ? null
				: this.ownsTimer ? RunThreads.platform(0, this.timer) : RunThreads.platform(0);
		Executor runThreads = (builder.runThreads != null) ? builder.runThreads : this.ownRunThreads;
		this.clock = builder.clock;
		this.instance = builder.instance;
		WorkerScheduler scheduler = (builder.scheduler != null) ? builder.scheduler : WorkerScheduler.of(this.timer);
		WorkerRuntime runtime = new WorkerRuntime(scheduler, runThreads, this.watchdog,
				WorkerListener.composite(builder.workerListeners), builder.clock, builder.runObserver, builder.random);
		this.parking = new Parking(this.checks, runtime.listener());
		WorkerNodes nodes = new WorkerNodes(builder, runtime, this.parking);
		List<WorkerNode> all = new ArrayList<>();
		CheckListener checkListener = this.parking.first(builder.checkListeners);
		builder.checks.forEach((entry) -> {
			String worker = WorkerNodes.checkWorker(entry.settings());
			CheckRunner runner = new CheckRunner(entry.settings(), entry.check(), builder.alarms, this.watchdog,
					checkListener, builder.clock, scheduler::nanoTime, () -> this.workers.get(worker).cycle().trigger());
			this.checks.put(entry.settings().name(), runner);
			all.add(nodes.checkNode(entry.settings(), runner));
		});
		SingletonListener singletonListener = SingletonListener.composite(builder.singletonListeners);
		builder.workers.forEach((entry) -> all.add(nodes.workerNode(entry, singletonListener)));
		Map<String, List<WorkerNode>> branches = TreeLayout.branches(all);
		branches.values().forEach((members) -> members.forEach((node) -> this.workers.put(node.name(), node)));
		this.root = TreeLayout.root(ROOT, builder, branches, this.lastIncarnations);
		this.passiveChecks = (builder.passiveChecks != null) ? builder.passiveChecks : new PassiveChecks();
		this.passiveDetectors = this.checks.values().stream().map(CheckRunner::passive).toList();
	}

	/** @return a builder */
	public static SupervisionTreeBuilder builder() {
		return new SupervisionTreeBuilder();
	}

	/**
	 * Starts checks and workers in order; their first runs come after their initial delays.
	 * @param onExhausted hears the root supervisor give up
	 * @throws dev.resilience.supervisor.SupervisorStartException if a worker failed to start
	 */
	public void start(ExitHandler onExhausted) {
		this.workers.values().stream().map(WorkerNode::stale).filter(Objects::nonNull).forEach(StaleWatch::start);
		try {
			this.root.start(onExhausted);
		}
		catch (RuntimeException ex) {
			closeOwnThreads();
			throw ex;
		}
		this.passiveChecks.attach(this.passiveDetectors);
	}

	/** Starts the tree; a give-up of the root is only logged. */
	public void start() {
		start((exit) -> org.slf4j.LoggerFactory.getLogger(SupervisionTree.class)
			.error("Root supervisor gave up; every worker is stopped", exit.cause()));
	}

	/**
	 * Stops every worker in reverse start order, each within its shutdown timeout, then releases
	 * the leases this instance holds.
	 */
	public void stop() {
		this.passiveChecks.detach(this.passiveDetectors);
		this.workers.values().stream().map(WorkerNode::stale).filter(Objects::nonNull).forEach(StaleWatch::stop);
		this.root.stop();
		this.workers.values().stream().map(WorkerNode::singleton).filter(Objects::nonNull)
			.forEach(ClusterSingleton::close);
		closeOwnThreads();
	}

	/**
	 * @param worker a worker's name
	 * @return how long since its last successful run, or since the tree started without one;
	 * zero before the start and for a check's worker
	 * @throws NoSuchWorkerException if there is no such worker
	 */
	public Duration lastSuccessAge(String worker) {
		StaleWatch stale = node(worker).stale();
		return (stale != null) ? stale.age() : Duration.ZERO;
	}

	/**
	 * @param worker a worker's name
	 * @return how many times it was restarted since the tree started it: after a crash, with its
	 * group, or on request; 0 before the start
	 * @throws NoSuchWorkerException if there is no such worker
	 */
	public int restarts(String worker) {
		return Math.max(0, node(worker).cycle().incarnations() - 1);
	}

	/** @return the root supervisor's current state */
	public Supervisor.State state() {
		return this.root.state();
	}

	/** @return the names of the workers, checks' workers first, in start order */
	public List<String> workerNames() {
		return List.copyOf(this.workers.keySet());
	}

	/**
	 * Restarts a worker on request: stops it if it runs, then starts it with a fresh job. Does
	 * not count toward its supervisor's intensity.
	 * @param worker the worker's name
	 * @throws NoSuchWorkerException if there is no such worker
	 * @throws IllegalStateException if its supervisor is not running (the root gave up)
	 */
	public void restartWorker(String worker) {
		supervisorOf(worker).restartChild(worker);
	}

	/**
	 * Stops a worker on request; it stays stopped until {@link #startWorker started}.
	 * @param worker the worker's name
	 * @return {@code true} if it was running
	 * @throws NoSuchWorkerException if there is no such worker
	 * @throws IllegalStateException if its supervisor is not running (the root gave up)
	 */
	public boolean stopWorker(String worker) {
		return supervisorOf(worker).terminateChild(worker);
	}

	/**
	 * Starts a stopped worker; restarts it if it runs.
	 * @param worker the worker's name
	 * @throws NoSuchWorkerException if there is no such worker
	 * @throws IllegalStateException if its supervisor is not running (the root gave up)
	 */
	public void startWorker(String worker) {
		restartWorker(worker);
	}

	/**
	 * Pauses a worker: no new run starts, a run in progress finishes. Not a crash: no restart,
	 * no alarm. The worker stays paused across restarts until {@link #resumeWorker resumed}.
	 * @param worker the worker's name
	 * @throws NoSuchWorkerException if there is no such worker
	 */
	public void pauseWorker(String worker) {
		node(worker).cycle().pause();
	}

	/**
	 * Resumes a paused worker: it runs again on its next tick.
	 * @param worker the worker's name
	 * @throws NoSuchWorkerException if there is no such worker
	 */
	public void resumeWorker(String worker) {
		node(worker).cycle().resume();
	}

	/**
	 * Runs a worker once now, unless a run is in progress (never a second run beside it), or it
	 * is paused, parked or not running.
	 * @param worker the worker's name
	 * @return what happened
	 * @throws NoSuchWorkerException if there is no such worker
	 */
	public Trigger triggerWorker(String worker) {
		return node(worker).cycle().trigger();
	}

	/**
	 * @param worker the worker's name
	 * @return the DEGRADED checks it depends on, which keep it parked; empty when not parked
	 * @throws NoSuchWorkerException if there is no such worker
	 */
	public List<String> waitingFor(String worker) {
		return this.parking.waitingFor(node(worker).name());
	}

	/** @return the whole tree as it is now */
	public TreeSnapshot snapshot() {
		return new TreeSnapshots(this.workers.values(), this.lastIncarnations, this.clock, this.instance)
			.of(this.root.snapshot());
	}

	/**
	 * @param worker a worker's name
	 * @return that worker as it is now, empty if there is no such worker
	 */
	public Optional<WorkerSnapshot> worker(String worker) {
		return snapshot().supervisors().stream().flatMap((branch) -> branch.workers().stream())
			.filter((snapshot) -> snapshot.name().equals(worker)).findFirst();
	}

	/**
	 * @return where the application reports how its calls to the checks' dependencies went: the
	 * builder's, or the tree's own; it reaches the tree's checks while the tree runs
	 */
	public PassiveChecks passiveChecks() {
		return this.passiveChecks;
	}

	/** @return every check as it is now, in start order */
	public List<CheckSnapshot> checks() {
		return this.checks.values().stream().map(CheckRunner::snapshot).toList();
	}

	/**
	 * @return the names of the checks, in the order they were given; cheaper than {@link #checks()},
	 * which takes a snapshot of each
	 */
	public Set<String> checkNames() {
		return Collections.unmodifiableSet(this.checks.keySet()); // filled once, by the constructor
	}

	/**
	 * @param check a check's name
	 * @return its state, empty if there is no such check; cheaper than {@link #check}
	 */
	public Optional<CheckState> checkState(String check) {
		return Optional.ofNullable(this.checks.get(check)).map(CheckRunner::state);
	}

	/**
	 * @param check a check's name
	 * @return that check as it is now, empty if there is no such check
	 */
	public Optional<CheckSnapshot> check(String check) {
		return Optional.ofNullable(this.checks.get(check)).map(CheckRunner::snapshot);
	}

	private WorkerNode node(String worker) {
		WorkerNode node = this.workers.get(worker);
		if (node == null) {
			throw new NoSuchWorkerException(worker, workerNames());
		}
		return node;
	}

	private Supervisor supervisorOf(String worker) {
		WorkerNode node = node(worker);
		return this.root.supervisor(node.branchId())
			.orElseThrow(() -> new IllegalStateException("The supervisor of worker '" + worker + "' is not running"));
	}

	private void closeOwnThreads() {
		if (this.ownsTimer) {
			this.timer.close();
		}
		if (this.ownRunThreads != null) {
			this.ownRunThreads.close();
		}
	}

}
