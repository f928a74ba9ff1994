package dev.resilience.autoconfigure.worker;

import java.util.concurrent.Executor;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.check.CheckListener;
import dev.resilience.runtime.RunThreads;
import dev.resilience.runtime.Timer;
import dev.resilience.runtime.Watchdog;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.RunObserver;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
	RunThreads resilienceRunThreads(ResilienceSettingsResolver settings) {
		return RunThreads.platform(settings.schedulerPoolSize());
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
			ObjectProvider<ClusterLock> clusterLock, ObjectProvider<SupervisionListener> supervisionListeners,
			ObjectProvider<WorkerListener> workerListeners, ObjectProvider<CheckListener> checkListeners,
			ObjectProvider<SingletonListener> singletonListeners, ObjectProvider<RunObserver> runObserver,
			OnExhaustedPolicy onExhausted) {
		SupervisionTreeLifecycle.Listeners listeners = new SupervisionTreeLifecycle.Listeners(
				supervisionListeners.orderedStream().toList(), workerListeners.orderedStream().toList(),
				checkListeners.orderedStream().toList(), singletonListeners.orderedStream().toList(),
				runObserver.getIfUnique(() -> RunObserver.NONE));
		return new SupervisionTreeLifecycle(settings, processor, context, timer, runThreads, watchdog, alarms, clusterLock,
				listeners, onExhausted);
	}

}
