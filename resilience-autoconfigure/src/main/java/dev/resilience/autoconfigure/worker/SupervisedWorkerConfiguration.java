package dev.resilience.autoconfigure.worker;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.check.CheckListener;
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
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Wiring of supervised workers, imported by
 * {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}: the scheduler, the watchdog,
 * the tree's lifecycle, the on-exhausted policy and, with
 * {@code resilience.scheduled.supervise=true}, the supervision of {@code @Scheduled} methods.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class SupervisedWorkerConfiguration {

	/** The name of the scheduler that runs workers; define a bean of this name to replace it. */
	public static final String SCHEDULER_BEAN_NAME = "resilienceTaskScheduler";

	@Bean
	static SupervisedWorkerAnnotationProcessor supervisedWorkerAnnotationProcessor() {
		return new SupervisedWorkerAnnotationProcessor();
	}

	@Bean
	@ConditionalOnBooleanProperty("resilience.scheduled.supervise")
	static SupervisingScheduledAnnotationBeanPostProcessor.Registrar supervisingScheduledAnnotationProcessorRegistrar() {
		return new SupervisingScheduledAnnotationBeanPostProcessor.Registrar();
	}

	@Bean(name = SCHEDULER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SCHEDULER_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	ThreadPoolTaskScheduler resilienceTaskScheduler(ResilienceSettingsResolver settings) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(settings.schedulerPoolSize());
		scheduler.setThreadNamePrefix("resilience-");
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setAcceptTasksAfterContextClose(true);
		return scheduler;
	}

	@Bean(name = SCHEDULER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SCHEDULER_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	SimpleAsyncTaskScheduler resilienceVirtualThreadTaskScheduler() {
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setVirtualThreads(true);
		scheduler.setThreadNamePrefix("resilience-");
		return scheduler;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Watchdog resilienceWatchdog() {
		return Watchdog.start("resilience-watchdog");
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
			@Qualifier(SCHEDULER_BEAN_NAME) TaskScheduler scheduler, Watchdog watchdog, Alarms alarms,
			ObjectProvider<ClusterLock> clusterLock, ObjectProvider<SupervisionListener> supervisionListeners,
			ObjectProvider<WorkerListener> workerListeners, ObjectProvider<CheckListener> checkListeners,
			ObjectProvider<SingletonListener> singletonListeners, ObjectProvider<RunObserver> runObserver,
			OnExhaustedPolicy onExhausted) {
		SupervisionTreeLifecycle.Listeners listeners = new SupervisionTreeLifecycle.Listeners(
				supervisionListeners.orderedStream().toList(), workerListeners.orderedStream().toList(),
				checkListeners.orderedStream().toList(), singletonListeners.orderedStream().toList(),
				runObserver.getIfUnique(() -> RunObserver.NONE));
		return new SupervisionTreeLifecycle(settings, processor, context, scheduler, watchdog, alarms, clusterLock,
				listeners, onExhausted);
	}

}
