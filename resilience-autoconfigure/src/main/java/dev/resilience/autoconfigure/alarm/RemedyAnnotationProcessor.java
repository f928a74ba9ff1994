package dev.resilience.autoconfigure.alarm;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Remedy;
import dev.resilience.alarm.RemedyCallback;
import dev.resilience.autoconfigure.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.ReflectiveInvoker;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link Remedy @Remedy} methods on singleton beans (through AOP proxies) and adds them
 * to {@link Alarms} once every singleton exists.
 */
public class RemedyAnnotationProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private static final String DURATION = "a positive duration such as 500ms, 60s or 5m";

	private final List<Registration> registrations = new ArrayList<>();

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Map<Method, Remedy> methods = MethodIntrospector.selectMethods(AopUtils.getTargetClass(bean),
				(MethodIntrospector.MetadataLookup<Remedy>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, Remedy.class));
		methods.forEach((method, remedy) -> {
			String location = method.getDeclaringClass().getSimpleName() + "." + method.getName();
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
				throw new InvalidResiliencePropertyException("@Remedy on " + location, method.toGenericString(),
						"an instance method without parameters");
			}
			String alarm = resolve(remedy.alarm());
			if (!StringUtils.hasText(alarm)) {
				throw new InvalidResiliencePropertyException("@Remedy(alarm) on " + location, alarm, "an alarm id");
			}
			Duration callbackTimeout = parse("@Remedy(callbackTimeout) on " + location, remedy.callbackTimeout());
			if (callbackTimeout == null) {
				throw new InvalidResiliencePropertyException("@Remedy(callbackTimeout) on " + location, "", DURATION);
			}
			Duration retryTimeout = parse("@Remedy(retryTimeout) on " + location, remedy.retryTimeout());
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			synchronized (this.registrations) {
				this.registrations
					.add(new Registration(alarm, callback(bean, invocable), callbackTimeout, retryTimeout));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Alarms alarms = this.beanFactory.getBean(Alarms.class);
		synchronized (this.registrations) {
			this.registrations.forEach((registration) -> alarms.addRemedy(registration.alarm(), registration.callback(),
					registration.callbackTimeout(), registration.retryTimeout()));
		}
	}

	private String resolve(String text) {
		return (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(text) : text;
	}

	private Duration parse(String attribute, String text) {
		String resolved = resolve(text);
		if (!StringUtils.hasText(resolved)) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(resolved.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidResiliencePropertyException(attribute, resolved, DURATION);
		}
		if (duration.isZero() || duration.isNegative()) {
			throw new InvalidResiliencePropertyException(attribute, resolved, DURATION);
		}
		return duration;
	}

	private static RemedyCallback callback(Object bean, Method method) {
		return () -> ReflectiveInvoker.invoke(method, bean);
	}

	private record Registration(String alarm, RemedyCallback callback, Duration callbackTimeout,
			Duration retryTimeout) {
	}

}
