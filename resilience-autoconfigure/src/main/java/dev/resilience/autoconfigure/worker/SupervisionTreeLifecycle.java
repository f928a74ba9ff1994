package dev.resilience.autoconfigure.worker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.lease.ClusterLeases;
import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.settings.ResolvedWorker;
import dev.resilience.check.CheckListener;
import dev.resilience.check.CheckSettings;
import dev.resilience.check.DependencyCheck;
import dev.resilience.check.PassiveChecks;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.SupervisionTreeBuilder;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.RunObserver;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Ties the {@link SupervisionTree} to the application context: resolves every worker's and
 * check's settings once all singletons exist (every {@code @SupervisedWorker} and
 * {@code DependencyCheck} bean found), so that a bad value fails start-up before any lifecycle
 * starts and before the web server binds its port; builds and starts the tree when the context
 * starts, and stops it, workers in reverse order, as soon as the context starts
 * closing ({@link ContextClosedEvent}, ahead of every other listener), before Spring's executors
 * refuse new tasks, so a run in progress gets its shutdown timeout.
 *
 * @since 0.1.0
 */
public class SupervisionTreeLifecycle
		implements SmartInitializingSingleton, SmartLifecycle, ApplicationListener<ContextClosedEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(SupervisionTreeLifecycle.class);

	private final ResilienceSettingsResolver settings;

	private final SupervisedWorkerAnnotationProcessor workers;

	private final ListableBeanFactory beans;

	private final Timer timer;

	private final Executor runThreads;

	private final Watchdog watchdog;

	private final Alarms alarms;

	private final ObjectProvider<ClusterLock> clusterLock;

	private final ObjectProvider<ClusterLeases> leases;

	private final Listeners listeners;

	private final OnExhaustedPolicy onExhausted;

	private final RandomGenerator random;

	private final PassiveChecks passiveChecks;

	private volatile SupervisionTree tree;

	/** A tree built for injection before the context started, which {@link #start()} starts. */
	private SupervisionTree unstarted;

	private Resolved resolved;

	/**
	 * @param settings the resolved settings
	 * @param workers the processor that found the {@code @SupervisedWorker} methods
	 * @param beans where the {@code DependencyCheck} beans are looked up, and whose closing
	 * stops the tree
	 * @param timer the one timer that times every delay
	 * @param runThreads where runs execute
	 * @param watchdog the watchdog that times runs
	 * @param alarms the alarm list
	 * @param clusterLock the cluster lock for cluster-singleton workers, if any
	 * @param listeners the listeners to the tree
	 * @param onExhausted what happens when the root supervisor gives up
	 */
	public SupervisionTreeLifecycle(ResilienceSettingsResolver settings, SupervisedWorkerAnnotationProcessor workers,
			ListableBeanFactory beans, Timer timer, Executor runThreads, Watchdog watchdog, Alarms alarms,
			ObjectProvider<ClusterLock> clusterLock, Listeners listeners, OnExhaustedPolicy onExhausted) {
		this(settings, workers, beans, timer, runThreads, watchdog, alarms, clusterLock, listeners, onExhausted,
				WorkerRuntime.THREAD_LOCAL_RANDOM);
	}

	/**
	 * @param settings the resolved settings
	 * @param workers the processor that found the {@code @SupervisedWorker} methods
	 * @param beans where the {@code DependencyCheck} beans are looked up, and whose closing
	 * stops the tree
	 * @param timer the one timer that times every delay
	 * @param runThreads where runs execute
	 * @param watchdog the watchdog that times runs
	 * @param alarms the alarm list
	 * @param clusterLock the cluster lock for cluster-singleton workers, if any
	 * @param listeners the listeners to the tree
	 * @param onExhausted what happens when the root supervisor gives up
	 * @param random spreads restart backoff delays within their jitter (a seeded one in tests)
	 */
	public SupervisionTreeLifecycle(ResilienceSettingsResolver settings, SupervisedWorkerAnnotationProcessor workers,
			ListableBeanFactory beans, Timer timer, Executor runThreads, Watchdog watchdog, Alarms alarms,
			ObjectProvider<ClusterLock> clusterLock, Listeners listeners, OnExhaustedPolicy onExhausted,
			RandomGenerator random) {
		this(settings, workers, beans, timer, runThreads, watchdog, alarms, clusterLock, null, listeners, onExhausted,
				random, new PassiveChecks());
	}

	/**
	 * @param settings the resolved settings
	 * @param workers the processor that found the {@code @SupervisedWorker} methods
	 * @param beans where the {@code DependencyCheck} beans are looked up, and whose closing
	 * stops the tree
	 * @param timer the one timer that times every delay
	 * @param runThreads where runs execute
	 * @param watchdog the watchdog that times runs
	 * @param alarms the alarm list
	 * @param clusterLock the ShedLock cluster lock for cluster-singleton workers, if any
	 * @param leases the leases for cluster-singleton workers, if any (they win over a cluster
	 * lock), or {@code null}
	 * @param listeners the listeners to the tree
	 * @param onExhausted what happens when the root supervisor gives up
	 * @param random spreads restart backoff delays within their jitter (a seeded one in tests)
	 * @param passiveChecks where the application reports failed calls (the {@link PassiveChecks}
	 * bean): the tree's checks are attached to it while the tree runs
	 */
	public SupervisionTreeLifecycle(ResilienceSettingsResolver settings, SupervisedWorkerAnnotationProcessor workers,
			ListableBeanFactory beans, Timer timer, Executor runThreads, Watchdog watchdog, Alarms alarms,
			ObjectProvider<ClusterLock> clusterLock, ObjectProvider<ClusterLeases> leases, Listeners listeners,
			OnExhaustedPolicy onExhausted, RandomGenerator random, PassiveChecks passiveChecks) {
		this.leases = leases;
		this.passiveChecks = passiveChecks;
		this.random = random;
		this.settings = settings;
		this.workers = workers;
		this.beans = beans;
		this.timer = timer;
		this.runThreads = runThreads;
		this.watchdog = watchdog;
		this.alarms = alarms;
		this.clusterLock = clusterLock;
		this.listeners = listeners;
		this.onExhausted = onExhausted;
	}

	/** Resolves and validates the settings: a bad value fails the context here, before it starts. */
	@Override
	public synchronized void afterSingletonsInstantiated() {
		if (this.resolved == null) {
			this.resolved = resolve();
		}
	}

	private Resolved resolve() {
		Map<String, DependencyCheck> checkBeans = this.beans.getBeansOfType(DependencyCheck.class);
		List<CheckSettings> checks = this.settings.checks(checkBeans.keySet());
		List<ResolvedWorker> workers = this.settings.workers(this.workers.declarations(),
				checks.stream().map(CheckSettings::name).toList());
		ClusterLock lock = this.clusterLock.getIfUnique();
		ClusterLeases leases = (this.leases != null) ? this.leases.getIfUnique() : null;
		for (ResolvedWorker worker : workers) {
			if (worker.settings().clusterSingleton() && lock == null && leases == null) {
				throw new InvalidResiliencePropertyException("cluster-singleton of worker '" + worker.settings().name()
						+ "'", true, "false, unless the application has a DataSource for leases in its database "
								+ "(resilience.cluster.leases=jdbc, spring-jdbc on the class path), or ShedLock "
								+ "(net.javacrumbs.shedlock:shedlock-provider-jdbc-template) is on the class path with a "
								+ "DataSource or a LockProvider bean (resilience.cluster.leases=shedlock)");
			}
		}
		if (leases != null) {
			leases.verify(workers);
		}
		return new Resolved(checkBeans, checks, workers, lock, leases);
	}

	@Override
	public synchronized void start() {
		if (this.tree != null) {
			return;
		}
		SupervisionTree built = (this.unstarted != null) ? this.unstarted : build();
		this.unstarted = null;
		built.start(this.onExhausted);
		this.tree = built;
		logger.info("Supervising {} worker(s) and {} check(s) under root supervisor ({})",
				this.resolved.workers().size(), this.resolved.checks().size(), this.settings.rootIntensity());
	}

	/**
	 * The tree to inject (the {@link SupervisionTree} bean): the running one, or, before the
	 * context starts, the one {@link #start()} is going to start.
	 * @return the tree
	 * @throws IllegalStateException if asked for while singletons are still being created, when
	 * not every worker is known yet
	 */
	public synchronized SupervisionTree injectableTree() {
		if (this.tree != null) {
			return this.tree;
		}
		if (this.unstarted == null) {
			ConfigurableListableBeanFactory factory = (this.beans instanceof ConfigurableApplicationContext context)
					? context.getBeanFactory() : null;
			if (this.resolved == null && factory != null) {
				requireSingletonsCreated(factory);
			}
			this.unstarted = build();
		}
		return this.unstarted;
	}

	private static void requireSingletonsCreated(ConfigurableListableBeanFactory factory) {
		for (String name : factory.getBeanDefinitionNames()) {
			BeanDefinition definition = factory.getMergedBeanDefinition(name);
			if (definition.isSingleton() && !definition.isLazyInit() && !definition.isAbstract()
					&& !factory.containsSingleton(name) && !factory.isCurrentlyInCreation(name)) {
				throw new IllegalStateException("The SupervisionTree was asked for while singletons are still being "
						+ "created (bean '" + name + "' is not yet), when not every @SupervisedWorker is known: take "
						+ "ObjectProvider<SupervisionTree> and call getObject() once the application has started");
			}
		}
	}

	private SupervisionTree build() {
		afterSingletonsInstantiated();
		Map<String, DependencyCheck> checkBeans = this.resolved.checkBeans();
		List<CheckSettings> checks = this.resolved.checks();
		List<ResolvedWorker> resolved = this.resolved.workers();
		SupervisionTreeBuilder builder = SupervisionTree.builder()
			.timer(this.timer)
			.random(this.random)
			.runThreads(this.runThreads)
			.watchdog(this.watchdog)
			.rootIntensity(this.settings.rootIntensity())
			.crashSummaryInterval(this.settings.crashSummaryInterval())
			.alarms(this.alarms)
			.passiveChecks(this.passiveChecks);
		ClusterLock lock = this.resolved.lock();
		ClusterLeases leases = this.resolved.leases();
		if (leases != null) {
			builder.leases(leases.store(), leases.instanceId(), leases.leaseTime()).leaseStandBy(leases::standingBy);
		}
		else if (lock != null) {
			builder.clusterLock(lock, java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
		}
		this.listeners.supervision().forEach(builder::supervisionListener);
		this.listeners.worker().forEach(builder::workerListener);
		this.listeners.check().forEach(builder::checkListener);
		this.listeners.singleton().forEach(builder::singletonListener);
		builder.runObserver(this.listeners.runObserver());
		checks.forEach((check) -> builder.check(check, checkBeans.get(check.name())));
		for (ResolvedWorker worker : resolved) {
			builder.worker(worker.settings(), worker.jobs());
		}
		return builder.build();
	}

	@Override
	public synchronized void stop() {
		SupervisionTree running = this.tree;
		if (running != null) {
			this.tree = null;
			running.stop();
		}
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.beans) {
			stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.tree != null;
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

	/** @return the running tree, empty before start and after stop */
	public Optional<SupervisionTree> tree() {
		return Optional.ofNullable(this.tree);
	}

	/**
	 * The listener beans of each kind, in order, and the observer of runs.
	 *
	 * @param supervision hear restarts, stops and escalations
	 * @param worker hear every run
	 * @param check hear checks
	 * @param singleton hear cluster lock attempts
	 * @param runObserver observes every run on its thread (tracing); {@link RunObserver#NONE} for none
	 */
	public record Listeners(List<SupervisionListener> supervision, List<WorkerListener> worker, List<CheckListener> check,
			List<SingletonListener> singleton, RunObserver runObserver) {

		/**
		 * Listeners without an observer of runs.
		 * @param supervision hear restarts, stops and escalations
		 * @param worker hear every run
		 * @param check hear checks
		 * @param singleton hear cluster lock attempts
		 */
		public Listeners(List<SupervisionListener> supervision, List<WorkerListener> worker, List<CheckListener> check,
				List<SingletonListener> singleton) {
			this(supervision, worker, check, singleton, RunObserver.NONE);
		}

	}

	private record Resolved(Map<String, DependencyCheck> checkBeans, List<CheckSettings> checks,
			List<ResolvedWorker> workers, ClusterLock lock, ClusterLeases leases) {

	}

}
