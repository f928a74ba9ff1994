package dev.resilience.autoconfigure.worker;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.settings.WorkerDeclaration;
import dev.resilience.autoconfigure.support.AnnotatedMethods;
import dev.resilience.worker.SupervisedWorker;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds {@link SupervisedWorker @SupervisedWorker} methods: on singleton beans as they are
 * initialized (looking through AOP proxies to the target class, while invoking through the proxy
 * so advice such as transactions applies), and on prototype bean definitions once all singletons
 * exist, so each restart can take a fresh prototype instance.
 *
 * @since 0.1.0
 */
public class SupervisedWorkerAnnotationProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<WorkerMethod> workers = new ArrayList<>();

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (isSingleton(beanName)) {
			Class<?> targetClass = AopUtils.getTargetClass(bean);
			annotatedMethods(targetClass).forEach((method, annotation) -> register(
					new WorkerMethod(beanName, method, annotation, () -> bean, classLoader(), true)));
		}
		return bean;
	}

	private boolean prototypesFound;

	@Override
	public synchronized void afterSingletonsInstantiated() {
		if (this.prototypesFound) {
			return;
		}
		this.prototypesFound = true;
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
			if (!definition.isPrototype() || definition.isAbstract()) {
				continue;
			}
			Class<?> type = this.beanFactory.getType(beanName);
			if (type != null) {
				annotatedMethods(type).forEach((method, annotation) -> register(
						new WorkerMethod(beanName, method, annotation, () -> this.beanFactory.getBean(beanName),
								classLoader(), true)));
			}
		}
	}

	/**
	 * @return the workers found so far, in discovery order, those of prototype beans among them
	 * (found on the first call, if the bean factory has not done so yet)
	 */
	public synchronized List<WorkerDeclaration> declarations() {
		if (this.beanFactory != null) {
			afterSingletonsInstantiated();
		}
		return this.workers.stream().map(WorkerMethod::declaration).toList();
	}

	/** Adds a {@code @Scheduled} method converted by {@link SupervisingScheduledAnnotationBeanPostProcessor}. */
	synchronized void addScheduled(WorkerMethod worker) {
		this.workers.add(worker);
	}

	private boolean isSingleton(String beanName) {
		if (this.beanFactory == null || beanName == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return true; // a bean registered as an instance
		}
		return this.beanFactory.getMergedBeanDefinition(beanName).isSingleton();
	}

	private ClassLoader classLoader() {
		ClassLoader classLoader = (this.beanFactory != null) ? this.beanFactory.getBeanClassLoader() : null;
		return (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
	}

	private static Map<Method, SupervisedWorker> annotatedMethods(Class<?> type) {
		return AnnotatedMethods.find(type, SupervisedWorker.class);
	}

	private synchronized void register(WorkerMethod worker) {
		Method method = worker.method();
		boolean suspending = SuspendingRunResults.isSuspending(method);
		boolean parameters = method.getParameterCount() == (suspending ? 1 : 0)
				|| (!suspending && WorkerMethod.takesRunContext(method));
		if (!parameters || Modifier.isStatic(method.getModifiers())) {
			throw new InvalidResiliencePropertyException("@SupervisedWorker on " + worker.location(),
					method.toGenericString(), "an instance method without parameters, or with one parameter of type "
							+ "dev.resilience.worker.RunContext (a Kotlin suspend fun without parameters included)");
		}
		if (suspending) {
			SuspendingRunResults.requireCoroutinesReactor(worker.location(), method, worker.classLoader());
		}
		this.workers.add(worker);
	}

}
