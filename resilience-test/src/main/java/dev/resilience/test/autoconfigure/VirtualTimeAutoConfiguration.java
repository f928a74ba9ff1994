package dev.resilience.test.autoconfigure;

import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.alarm.AlarmsConfiguration;
import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;
import dev.resilience.runtime.Timer;
import dev.resilience.test.VirtualTime;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Imported by {@link dev.resilience.test.AutoConfigureVirtualTime @AutoConfigureVirtualTime}:
 * the {@link VirtualTime} bean, and the starter's timer ({@value SupervisedWorkerConfiguration#TIMER_BEAN_NAME}),
 * run threads ({@value SupervisedWorkerConfiguration#RUN_THREADS_BEAN_NAME}), random
 * ({@value SupervisedWorkerConfiguration#RANDOM_BEAN_NAME}) and alarm callbacks
 * ({@value AlarmsConfiguration#CALLBACK_EXECUTOR_BEAN_NAME}) taken from it, defined before the
 * starter's so that its own back off. The watchdog and the clock follow the timer.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = ResilienceAutoConfiguration.class, after = TaskSchedulingAutoConfiguration.class)
public final class VirtualTimeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VirtualTime virtualTime() {
		return VirtualTime.create();
	}

	@Bean(name = SupervisedWorkerConfiguration.TIMER_BEAN_NAME, destroyMethod = "")
	Timer virtualResilienceTimer(VirtualTime time) {
		return time.timer();
	}

	@Bean(name = SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME, destroyMethod = "")
	Executor virtualResilienceRunThreads(VirtualTime time) {
		return time.runThreads();
	}

	@Bean(name = SupervisedWorkerConfiguration.RANDOM_BEAN_NAME)
	RandomGenerator virtualResilienceRandom(VirtualTime time) {
		return time.random();
	}

	@Bean(name = AlarmsConfiguration.CALLBACK_EXECUTOR_BEAN_NAME, destroyMethod = "")
	Executor virtualResilienceAlarmCallbacks(VirtualTime time) {
		return time.callbacks();
	}

}
