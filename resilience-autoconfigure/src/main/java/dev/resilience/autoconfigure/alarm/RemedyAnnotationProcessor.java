package dev.resilience.autoconfigure.alarm;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Remedy;
import dev.resilience.alarm.RemedyCallback;
import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.settings.RemedySettings;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.support.AnnotatedMethods;
import dev.resilience.autoconfigure.support.ReflectiveInvoker;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link Remedy @Remedy} methods on singleton beans (through AOP proxies) and adds them
 * to {@link Alarms} once every singleton exists.
 *
 * @since 0.1.0
 */
public class RemedyAnnotationProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<Registration> registrations = new ArrayList<>();

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Map<Method, Remedy> methods = AnnotatedMethods.find(AopUtils.getTargetClass(bean), Remedy.class);
		methods.forEach((method, remedy) -> {
			String location = method.getDeclaringClass().getSimpleName() + "." + method.getName();
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
				throw new InvalidResiliencePropertyException("@Remedy on " + location, method.toGenericString(),
						"an instance method without parameters");
			}
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			synchronized (this.registrations) {
				this.registrations.add(new Registration(remedy, location, callback(bean, invocable)));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Alarms alarms = this.beanFactory.getBean(Alarms.class);
		ResilienceSettingsResolver settings = this.beanFactory.getBean(ResilienceSettingsResolver.class);
		synchronized (this.registrations) {
			for (Registration registration : this.registrations) {
				RemedySettings remedy = settings.remedy(registration.remedy(), registration.location());
				alarms.addRemedy(remedy.alarm(), registration.callback(), remedy.callbackTimeout(),
						remedy.retryTimeout());
			}
		}
	}

	private static RemedyCallback callback(Object bean, Method method) {
		return () -> ReflectiveInvoker.invoke(method, bean);
	}

	private record Registration(Remedy remedy, String location, RemedyCallback callback) {
	}

}
