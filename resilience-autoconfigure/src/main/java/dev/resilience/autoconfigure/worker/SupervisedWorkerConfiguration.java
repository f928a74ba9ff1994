package dev.resilience.autoconfigure.worker;

import java.util.List;

import dev.resilience.alarm.Alarms;
import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.supervisor.SupervisionListener;
import dev.resilience.worker.ClusterLock;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Wiring of supervised workers, imported by
 * {@link dev.resilience.autoconfigure.ResilienceAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class SupervisedWorkerConfiguration {

	/** The name of the scheduler that runs workers; define a bean of this name to replace it. */
	public static final String SCHEDULER_BEAN_NAME = "resilienceTaskScheduler";

	@Bean
	static SupervisedWorkerAnnotationProcessor supervisedWorkerAnnotationProcessor() {
		return new SupervisedWorkerAnnotationProcessor();
	}

	@Bean(name = SCHEDULER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SCHEDULER_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	ThreadPoolTaskScheduler resilienceTaskScheduler(ResilienceProperties properties) {
		int poolSize = properties.getScheduler().getPoolSize();
		if (poolSize < 1) {
			throw new InvalidResiliencePropertyException("resilience.scheduler.pool-size", poolSize,
					"a whole number of 1 or more");
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(poolSize);
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

	@Bean
	@ConditionalOnMissingBean
	SupervisionEventPublisher supervisionEventPublisher(ApplicationEventPublisher publisher) {
		return new SupervisionEventPublisher(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	SupervisedWorkers supervisedWorkers(ResilienceProperties properties, SupervisedWorkerAnnotationProcessor processor,
			@Qualifier(SCHEDULER_BEAN_NAME) TaskScheduler scheduler,
			ObjectProvider<SupervisionListener> supervisionListeners, ObjectProvider<WorkerListener> workerListeners,
			ObjectProvider<SupervisedWorkerSource> sources, ClusterSingletons singletons,
			ConfigurableApplicationContext context) {
		return new SupervisedWorkers(properties, processor, scheduler, supervisionListeners.orderedStream().toList(),
				workerListeners.orderedStream().toList(), sources.orderedStream().toList(), singletons, context);
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterSingletons clusterSingletons(ObjectProvider<ClusterLock> lock, Alarms alarms,
			ObjectProvider<SingletonListener> listeners) {
		List<SingletonListener> all = listeners.orderedStream().toList();
		SingletonListener composite = new SingletonListener() {

			@Override
			public void acquired(String worker) {
				all.forEach((listener) -> listener.acquired(worker));
			}

			@Override
			public void released(String worker) {
				all.forEach((listener) -> listener.released(worker));
			}

			@Override
			public void skipped(String worker) {
				all.forEach((listener) -> listener.skipped(worker));
			}

			@Override
			public void unavailable(String worker, Throwable failure) {
				all.forEach((listener) -> listener.unavailable(worker, failure));
			}

		};
		return new ClusterSingletons(lock.getIfUnique(), alarms, composite,
				java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
	}

}
