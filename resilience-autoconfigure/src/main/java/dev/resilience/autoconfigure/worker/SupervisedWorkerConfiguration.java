package dev.resilience.autoconfigure.worker;

import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.lease.ClusterLeases;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.check.CheckListener;
import dev.resilience.check.PassiveChecks;
import dev.resilience.runtime.RunThreads;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.RunObserver;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuntime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Wiring of supervised workers, imported by
 * {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}: the one timer, the run threads, the watchdog,
 * the tree's lifecycle, the on-exhausted policy and, with
 * {@code resilience.scheduled.supervise=true}, the supervision of {@code @Scheduled} methods.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class SupervisedWorkerConfiguration {

	/** The name of the run threads bean; define a bean of this name (an {@code Executor}) to replace it. */
	public static final String RUN_THREADS_BEAN_NAME = "resilienceRunThreads";

	/** The name of the one timer bean. */
	public static final String TIMER_BEAN_NAME = "resilienceTimer";

	/**
	 * The name of an optional {@code java.util.random.RandomGenerator} bean that spreads restart
	 * backoff delays within their jitter (the test kit's is seeded); without it, a thread-local
	 * random.
	 */
	public static final String RANDOM_BEAN_NAME = "resilienceRandom";

	@Bean
	static SupervisedWorkerAnnotationProcessor supervisedWorkerAnnotationProcessor() {
		return new SupervisedWorkerAnnotationProcessor();
	}

	@Bean
	@ConditionalOnBooleanProperty("resilience.scheduled.supervise")
	static SupervisingScheduledAnnotationBeanPostProcessor.Registrar supervisingScheduledAnnotationProcessorRegistrar() {
		return new SupervisingScheduledAnnotationBeanPostProcessor.Registrar();
	}

	@Bean(name = TIMER_BEAN_NAME, destroyMethod = "close")
	@ConditionalOnMissingBean
	Timer resilienceTimer() {
		return Timer.start();
	}

	@Bean(name = RUN_THREADS_BEAN_NAME, destroyMethod = "close")
	@ConditionalOnMissingBean(name = RUN_THREADS_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	RunThreads resilienceRunThreads(ResilienceSettingsResolver settings, Timer timer) {
		return RunThreads.platform(settings.schedulerPoolSize(), timer);
	}

	@Bean(name = RUN_THREADS_BEAN_NAME, destroyMethod = "close")
	@ConditionalOnMissingBean(name = RUN_THREADS_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	RunThreads resilienceVirtualRunThreads() {
		return RunThreads.virtual();
	}

	@Bean
	@ConditionalOnMissingBean
	Watchdog resilienceWatchdog(Timer timer) {
		return timer.watchdog();
	}

	@Bean
	@ConditionalOnMissingBean
	OnExhaustedPolicy onExhaustedPolicy(ResilienceSettingsResolver settings, ConfigurableApplicationContext context) {
		return new OnExhaustedPolicy(settings.onExhausted(), settings.rootIntensity(), context);
	}

	@Bean
	@ConditionalOnMissingBean
	SupervisionTreeLifecycle supervisionTreeLifecycle(ResilienceSettingsResolver settings,
			SupervisedWorkerAnnotationProcessor processor, ConfigurableApplicationContext context,
			Timer timer, @Qualifier(RUN_THREADS_BEAN_NAME) Executor runThreads, Watchdog watchdog, Alarms alarms,
			ObjectProvider<ClusterLock> clusterLock, ObjectProvider<ClusterLeases> leases,
			ObjectProvider<SupervisionListener> supervisionListeners,
			ObjectProvider<WorkerListener> workerListeners, ObjectProvider<CheckListener> checkListeners,
			ObjectProvider<SingletonListener> singletonListeners, ObjectProvider<RunObserver> runObserver,
			OnExhaustedPolicy onExhausted, @Qualifier(RANDOM_BEAN_NAME) ObjectProvider<RandomGenerator> random,
			PassiveChecks passiveChecks) {
		SupervisionTreeLifecycle.Listeners listeners = new SupervisionTreeLifecycle.Listeners(
				supervisionListeners.orderedStream().toList(), workerListeners.orderedStream().toList(),
				checkListeners.orderedStream().toList(), singletonListeners.orderedStream().toList(),
				runObserver.getIfUnique(() -> RunObserver.NONE));
		return new SupervisionTreeLifecycle(settings, processor, context, timer, runThreads, watchdog, alarms, clusterLock,
				leases, listeners, onExhausted, random.getIfAvailable(() -> WorkerRuntime.THREAD_LOCAL_RANDOM),
				passiveChecks);
	}

	/**
	 * Where the application reports failed and successful calls by check name; the running
	 * tree's checks hear them.
	 */
	@Bean
	@ConditionalOnMissingBean
	PassiveChecks resiliencePassiveChecks() {
		return new PassiveChecks();
	}

	/**
	 * The tree, to inject where the application has started (a test, an
	 * {@code ApplicationRunner}, a request): lazy, since it is built from every
	 * {@code @SupervisedWorker}, known only once all singletons exist; a bean created at start-up
	 * takes {@code ObjectProvider<SupervisionTree>}.
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	SupervisionTree supervisionTree(SupervisionTreeLifecycle lifecycle) {
		return lifecycle.injectableTree();
	}

}
