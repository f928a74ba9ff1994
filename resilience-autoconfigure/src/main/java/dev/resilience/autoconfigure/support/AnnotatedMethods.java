package dev.resilience.autoconfigure.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the methods of a bean type that carry an annotation, directly or as a meta-annotation,
 * on the type, its superclasses and its interfaces. One lookup for the processors that find
 * {@code @SupervisedWorker} and {@code @Remedy} methods at run time and for the AOT processor
 * that registers them for reflection, so both see the same methods.
 *
 * @since 0.1.0
 */
public final class AnnotatedMethods {

	private AnnotatedMethods() {
	}

	/**
	 * Finds the methods of a type that carry an annotation.
	 * @param <A> the annotation's type
	 * @param type the bean's target class (not an AOP proxy's class)
	 * @param annotation the annotation's type
	 * @return each annotated method with its merged annotation, empty if none
	 */
	public static <A extends Annotation> Map<Method, A> find(Class<?> type, Class<A> annotation) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<A>) (
				method) -> AnnotatedElementUtils.findMergedAnnotation(method, annotation));
	}

}
