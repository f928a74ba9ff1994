package dev.resilience.autoconfigure.worker;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringValueResolver;

/**
 * Spring's {@link ScheduledAnnotationBeanPostProcessor} that hands the {@code @Scheduled} methods
 * of singleton beans to the starter as supervised workers named {@code beanName.methodName} (a
 * second {@code @Scheduled} on one method is {@code beanName.methodName#2}) instead of scheduling
 * them itself, so each tick runs once, supervised. Used when
 * {@code resilience.scheduled.supervise=true}, in place of the processor that
 * {@code @EnableScheduling} registers (see {@link Registrar}).
 *
 * <p>Spring keeps what a worker cannot be: methods of beans that are not singletons (Spring
 * schedules each instance), static methods, reactive methods, and one-time tasks
 * ({@code initialDelay} alone). A Kotlin {@code suspend fun} is supervised when
 * {@code kotlinx-coroutines-reactor} is on the class path (Spring's own condition for running it),
 * awaited as {@link SuspendingRunResults} says. {@code cron = "-"} runs nowhere, as in Spring.
 *
 * @since 0.1.0
 */
public class SupervisingScheduledAnnotationBeanPostProcessor extends ScheduledAnnotationBeanPostProcessor {

	/** The bean whose methods Spring is handing to {@link #processScheduled} on this thread. */
	private static final ThreadLocal<Current> current = new ThreadLocal<>();

	private BeanFactory beanFactory;

	private StringValueResolver resolver;

	private SupervisedWorkerAnnotationProcessor workers;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEmbeddedValueResolver(StringValueResolver resolver) {
		super.setEmbeddedValueResolver(resolver);
		this.resolver = resolver;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Current previous = current.get();
		// Spring calls processScheduled without the bean's name, which names the worker
		current.set(new Current(beanName, new HashMap<>()));
		try {
			return super.postProcessAfterInitialization(bean, beanName);
		}
		finally {
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		}
	}

	@Override
	protected void processScheduled(Scheduled scheduled, Method method, Object bean) {
		Current scanning = current.get();
		int ordinal = (scanning != null) ? scanning.ordinals().merge(method, 1, Integer::sum) : 1;
		if (scanning == null || !supervisable(scanning.beanName(), method)) {
			super.processScheduled(scheduled, method, bean);
			return;
		}
		String name = scanning.beanName() + "." + method.getName() + ((ordinal > 1) ? "#" + ordinal : "");
		String location = method.getDeclaringClass().getSimpleName() + "." + method.getName();
		ScheduledConversion conversion = ScheduledConversion.convert(scheduled, this.resolver, name, location);
		switch (conversion.outcome()) {
			case SUPERVISE -> workers().addScheduled(
					new WorkerMethod(scanning.beanName(), method, conversion.worker(), () -> bean, null, false));
			case SPRING -> super.processScheduled(scheduled, method, bean);
			case DISABLED -> this.logger.debug("Not running " + location + ": its cron expression is '-'");
		}
	}

	private boolean supervisable(String beanName, Method method) {
		return beanName != null && this.beanFactory.containsBean(beanName) && this.beanFactory.isSingleton(beanName)
				&& !Modifier.isStatic(method.getModifiers())
				&& method.getParameterCount() == (KotlinDetector.isSuspendingFunction(method) ? 1 : 0)
				&& (!KotlinDetector.isSuspendingFunction(method) || coroutinesReactorPresent())
				&& ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType()) == null;
	}

	private boolean coroutinesReactorPresent() {
		ClassLoader classLoader = (this.beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		return ClassUtils.isPresent(SuspendingRunResults.COROUTINES_REACTOR, classLoader);
	}

	private SupervisedWorkerAnnotationProcessor workers() {
		if (this.workers == null) {
			this.workers = this.beanFactory.getBean(SupervisedWorkerAnnotationProcessor.class);
		}
		return this.workers;
	}

	private record Current(String beanName, Map<Method, Integer> ordinals) {
	}

	/**
	 * Puts a {@link SupervisingScheduledAnnotationBeanPostProcessor} in place of the processor that
	 * {@code @EnableScheduling} registers, under the same name, so Spring Boot's conditions on that
	 * bean still hold. Without {@code @EnableScheduling} it does nothing.
	 *
	 * @since 0.1.0
	 */
	public static class Registrar implements BeanDefinitionRegistryPostProcessor {

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			String name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;
			if (!registry.containsBeanDefinition(name)) {
				return;
			}
			RootBeanDefinition definition = new RootBeanDefinition(SupervisingScheduledAnnotationBeanPostProcessor.class);
			definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			// removed first: Spring Boot forbids overriding a bean definition
			registry.removeBeanDefinition(name);
			registry.registerBeanDefinition(name, definition);
		}

	}

}
