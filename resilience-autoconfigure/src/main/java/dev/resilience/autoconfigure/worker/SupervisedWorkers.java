package dev.resilience.autoconfigure.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.IntConsumer;

import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.event.SupervisionExhaustedEvent;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.supervisor.Supervisor;
import dev.resilience.supervisor.SupervisorSnapshot;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerScheduler;
import dev.resilience.worker.WorkerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The application's supervised workers: builds the supervision tree from the discovered
 * {@code @SupervisedWorker} methods and the {@code resilience.*} properties, starts it with the
 * context, and stops it, workers in reverse order, when the context closes.
 *
 * <p>Workers stop as soon as the context starts closing ({@link ContextClosedEvent}, ahead of
 * every other listener), before Spring's executors refuse new tasks, so a run in progress gets
 * its shutdown timeout and no run is lost to a closed scheduler. When the root supervisor gives
 * up, {@code resilience.supervisor.on-exhausted} decides what happens.
 */
public class SupervisedWorkers implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(SupervisedWorkers.class);

	private final ResilienceProperties properties;

	private final SupervisedWorkerAnnotationProcessor processor;

	private final TaskScheduler scheduler;

	private final SupervisionListener supervisionListener;

	private final WorkerListener workerListener;

	private final List<SupervisedWorkerSource> sources;

	private final ClusterSingletons singletons;

	private final ConfigurableApplicationContext context;

	private final Clock clock = Clock.systemUTC();

	private final Map<String, WorkerStatus> statuses = new LinkedHashMap<>();

	private final Map<String, String> supervisorOfWorker = new LinkedHashMap<>();

	private ScheduledThreadPoolExecutor timeouts;

	private volatile Supervisor root;

	private volatile boolean running;

	private IntConsumer exit = System::exit;

	/**
	 * @param properties the starter's properties
	 * @param processor finds the workers
	 * @param scheduler runs the workers
	 * @param supervisionListeners hear restarts, stops and escalations
	 * @param workerListeners hear every run
	 * @param sources contribute workers besides the annotated methods
	 * @param singletons runs cluster-singleton workers under their cluster lock
	 * @param context the application context, for placeholders, events and on-exhausted
	 */
	public SupervisedWorkers(ResilienceProperties properties, SupervisedWorkerAnnotationProcessor processor,
			TaskScheduler scheduler, List<SupervisionListener> supervisionListeners,
			List<WorkerListener> workerListeners, List<SupervisedWorkerSource> sources, ClusterSingletons singletons,
			ConfigurableApplicationContext context) {
		this.properties = properties;
		this.processor = processor;
		this.scheduler = scheduler;
		this.supervisionListener = SupervisionListener.composite(supervisionListeners);
		this.workerListener = WorkerListener.composite(workerListeners);
		this.sources = List.copyOf(sources);
		this.singletons = singletons;
		this.context = context;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		WorkerSettingsResolver resolver = new WorkerSettingsResolver(this.properties,
				this.context.getBeanFactory()::resolveEmbeddedValue, this.context.getEnvironment()::getProperty);
		resolver.validateRootSupervisor();
		List<WorkerRegistration> workers = new ArrayList<>(resolver.resolve(this.processor.workers()));
		this.sources.forEach((source) -> workers.addAll(source.workers()));
		workers.replaceAll(this.singletons::apply);
		ResilienceProperties.Supervisor rootProperties = this.properties.getSupervisor();
		Intensity rootIntensity = new Intensity(rootProperties.getMaxRestarts(), rootProperties.getPeriod());
		this.timeouts = newTimeoutExecutor();
		WorkerScheduler runs = (task, delay) -> this.scheduler.schedule(task,
				this.scheduler.getClock().instant().plus(delay));
		WorkerRuntime runtime = new WorkerRuntime(runs, WorkerScheduler.of(this.timeouts), this.workerListener,
				this.clock);
		this.statuses.clear();
		this.supervisorOfWorker.clear();
		Supervisor tree = new SupervisionTreeBuilder(runtime, this.supervisionListener, this.clock).build(workers,
				rootIntensity, this.statuses, this.supervisorOfWorker);
		try {
			tree.start(this::rootExited);
		}
		catch (RuntimeException ex) {
			this.timeouts.shutdownNow();
			throw ex;
		}
		this.root = tree;
		this.running = true;
		logger.info("Supervising {} worker(s) under root supervisor ({})", workers.size(), rootIntensity);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.root.stop();
		this.timeouts.shutdownNow();
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts after, and stops before, the web server and Spring's executors. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/** @return the supervision tree as it is now, empty before start */
	public Optional<SupervisorSnapshot> snapshot() {
		Supervisor current = this.root;
		return Optional.ofNullable(current).map(Supervisor::snapshot);
	}

	/**
	 * @param worker a worker's name
	 * @return what is known about that worker, empty if there is no such running worker
	 */
	public Optional<WorkerStatus> status(String worker) {
		synchronized (this) {
			return Optional.ofNullable(this.statuses.get(worker));
		}
	}

	/** @return the names of the supervised workers, in start order */
	public synchronized List<String> workerNames() {
		return List.copyOf(this.statuses.keySet());
	}

	/**
	 * Restarts a worker on request: stops it if it runs, then starts it with a fresh job. Does
	 * not count toward its supervisor's intensity.
	 * @param worker the worker's name
	 * @throws IllegalArgumentException if there is no such worker
	 * @throws IllegalStateException if its supervisor is not running (the root gave up)
	 */
	public void restartWorker(String worker) {
		supervisorOf(worker).restartChild(worker);
	}

	/**
	 * Stops a worker on request; it stays stopped until {@link #startWorker started}.
	 * @param worker the worker's name
	 * @return {@code true} if it was running
	 * @throws IllegalArgumentException if there is no such worker
	 * @throws IllegalStateException if its supervisor is not running (the root gave up)
	 */
	public boolean stopWorker(String worker) {
		return supervisorOf(worker).terminateChild(worker);
	}

	/**
	 * Starts a stopped worker; restarts it if it runs.
	 * @param worker the worker's name
	 * @throws IllegalArgumentException if there is no such worker
	 * @throws IllegalStateException if its supervisor is not running (the root gave up)
	 */
	public void startWorker(String worker) {
		restartWorker(worker);
	}

	private Supervisor supervisorOf(String worker) {
		String id;
		synchronized (this) {
			id = this.supervisorOfWorker.get(worker);
		}
		if (id == null) {
			throw new IllegalArgumentException("No worker named '" + worker + "'; workers are " + workerNames());
		}
		Supervisor current = this.root;
		return current.child(id)
			.filter(Supervisor.class::isInstance)
			.map(Supervisor.class::cast)
			.orElseThrow(() -> new IllegalStateException("The supervisor of worker '" + worker + "' is not running"));
	}

	/**
	 * Replaces how the JVM exits under {@code on-exhausted: shutdown}, for tests.
	 * @param exit receives the exit code after the context closed
	 */
	void setExit(IntConsumer exit) {
		this.exit = exit;
	}

	private void rootExited(Exit exit) {
		ResilienceProperties.Supervisor rootProperties = this.properties.getSupervisor();
		Intensity intensity = new Intensity(rootProperties.getMaxRestarts(), rootProperties.getPeriod());
		this.context.publishEvent(new SupervisionExhaustedEvent(intensity, exit.cause()));
		switch (rootProperties.getOnExhausted()) {
			case LIVENESS -> {
				logger.error("Root supervisor gave up (more than {}); liveness is now BROKEN", intensity);
				AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
			}
			case SHUTDOWN -> {
				logger.error("Root supervisor gave up (more than {}); shutting the application down", intensity);
				Thread exiter = new Thread(() -> this.exit.accept(SpringApplication.exit(this.context, () -> 1)),
						"resilience-shutdown");
				exiter.start();
			}
			case LOG -> logger.error("Root supervisor gave up (more than {}); its workers stay stopped", intensity);
		}
	}

	private static ScheduledThreadPoolExecutor newTimeoutExecutor() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("resilience-timeouts-");
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

}
