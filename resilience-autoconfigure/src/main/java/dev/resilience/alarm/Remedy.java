package dev.resilience.alarm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a bean's no-argument method the remedy of an alarm: it runs when the alarm is set, under
 * Alarmist's state machine (see {@link Alarms#addRemedy}). Durations are texts such as
 * {@code 500ms}, {@code 60s}, ISO-8601, or {@code ${placeholders}}.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Remedy {

	/** @return the id of the alarm this method remedies */
	String alarm();

	/** @return how long one run may take before it is interrupted and counted as a timeout */
	String callbackTimeout() default "60s";

	/** @return how long after a run, while the alarm stays set, it runs again; default never */
	String retryTimeout() default "";

}
