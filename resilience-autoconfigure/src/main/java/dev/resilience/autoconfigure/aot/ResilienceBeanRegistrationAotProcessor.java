package dev.resilience.autoconfigure.aot;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.resilience.alarm.Remedy;
import dev.resilience.autoconfigure.support.AnnotatedMethods;
import dev.resilience.check.DependencyCheck;
import dev.resilience.worker.SupervisedWorker;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.KotlinDetector;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Registers for reflective invocation ({@link ExecutableMode#INVOKE}) the bean methods the
 * starter calls by reflection, so an application built with Spring AOT, and then as a GraalVM
 * native image, can call them: {@link SupervisedWorker @SupervisedWorker} and
 * {@link Remedy @Remedy} methods, and the {@code check} method of {@link DependencyCheck} beans.
 * Each method is registered where it is declared and, for beans that may be JDK proxies, on the
 * bean's interfaces that declare the same method. Methods are found on the bean's type as its
 * definition declares it (the {@code @Bean} method's return type, for instance), with the lookup
 * the run-time discovery uses. A Kotlin {@code suspend fun} worker is invoked through Spring's
 * {@code CoroutinesUtils}, which finds its Kotlin function by reflection: its type's declared
 * methods are registered for introspection too. Registered in {@code META-INF/spring/aot.factories}.
 *
 * @since 0.1.0
 */
public class ResilienceBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Set<Method> methods = invokedMethods(registeredBean.getBeanClass());
		if (methods.isEmpty()) {
			return null;
		}
		return (generationContext, beanRegistrationCode) -> {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			methods.forEach((method) -> reflection.registerMethod(method, ExecutableMode.INVOKE));
			methods.stream().filter(KotlinDetector::isSuspendingFunction).map(Method::getDeclaringClass).distinct()
				.forEach((type) -> reflection.registerType(type, MemberCategory.INTROSPECT_DECLARED_METHODS));
		};
	}

	/**
	 * The methods of a bean type that the starter invokes reflectively.
	 * @param type the bean's type
	 * @return its {@code @SupervisedWorker} and {@code @Remedy} methods, its
	 * {@code DependencyCheck.check} method, and their declarations on its interfaces
	 */
	static Set<Method> invokedMethods(Class<?> type) {
		Set<Method> methods = new LinkedHashSet<>();
		methods.addAll(AnnotatedMethods.find(type, SupervisedWorker.class).keySet());
		methods.addAll(AnnotatedMethods.find(type, Remedy.class).keySet());
		if (DependencyCheck.class.isAssignableFrom(type)) {
			Method check = ReflectionUtils.findMethod(type, "check");
			if (check != null) {
				methods.add(check);
			}
		}
		Set<Method> onInterfaces = new LinkedHashSet<>();
		for (Method method : methods) {
			for (Class<?> ifc : ClassUtils.getAllInterfacesForClassAsSet(type)) {
				Method declared = ClassUtils.getMethodIfAvailable(ifc, method.getName(), method.getParameterTypes());
				if (declared != null) {
					onInterfaces.add(declared);
				}
			}
		}
		methods.addAll(onInterfaces);
		return methods;
	}

}
