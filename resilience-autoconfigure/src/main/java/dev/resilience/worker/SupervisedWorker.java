package dev.resilience.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.resilience.supervisor.Restart;

/**
 * Runs a bean's no-argument method periodically under supervision: the method runs on a fixed
 * delay, a fixed rate or a cron expression inside its own sub-supervisor, whose restart limit is
 * derived from the interval ({@code ceil(period / interval) + 1}, where a cron schedule's interval
 * is the shortest gap between its fires over the next 24 hours) so a worker failing on every run is restarted forever
 * without taking the application down. All sub-supervisors sit under one root supervisor.
 *
 * <p>A run that throws is a crash: it is logged with the worker's name and the worker is
 * restarted as {@link #restart()} says, with a fresh bean instance when the bean is
 * prototype-scoped. A method returning {@code boolean} may return {@code false} to say its work
 * is done (a normal exit). A method returning a {@code CompletionStage}, or with Reactor a
 * {@code Mono} or {@code Flux}, runs until that result completes: a failed result is a crash, a
 * result still pending at the timeout is cancelled, and a {@code CompletionStage<Boolean>} or
 * {@code Mono<Boolean>} of {@code false} is a normal exit. Every attribute can be overridden under
 * {@code resilience.workers.<name>.*}. Durations are texts such as {@code 500ms}, {@code 1s},
 * {@code 2m}, ISO-8601 ({@code PT1S}), or {@code ${placeholders}}.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SupervisedWorker {

	/** @return the worker's name; default {@code beanName.methodName} */
	String name() default "";

	/**
	 * @return the delay between the end of one run and the start of the next
	 * ({@code @Scheduled(fixedDelay)}); exactly one of {@code interval}, {@link #fixedRate()} and
	 * {@link #cron()} is set
	 */
	String interval() default "";

	/**
	 * @return the time between the starts of two runs ({@code @Scheduled(fixedRate)}); a run
	 * that lasts longer is never overlapped: the next one starts late, as soon as it ends
	 */
	String fixedRate() default "";

	/**
	 * @return a cron expression of Spring's {@code CronExpression}: six fields (second, minute,
	 * hour, day of month, month, day of week) such as {@code 0 *}{@code /5 * * * *}, or a macro
	 * such as {@code @hourly}; a crashed cron worker restarts at its next fire time
	 */
	String cron() default "";

	/** @return the time zone of {@link #cron()}, such as {@code Europe/Oslo}; default the JVM's */
	String zone() default "";

	/** @return the delay before the first run; default one interval; not with {@link #cron()} */
	String initialDelay() default "";

	/** @return the period of the worker's sub-supervisor restart intensity */
	String period() default "5s";

	/**
	 * @return the restarts allowed within the period; {@code -1} derives
	 * {@code ceil(period / interval) + 1}
	 */
	int maxRestarts() default -1;

	/** @return when the worker is restarted after it exits */
	Restart restart() default Restart.PERMANENT;

	/** @return how long a run may take before it is interrupted and counted as a crash; default none */
	String timeout() default "";

	/**
	 * @return a group name: workers naming the same group share one {@code ONE_FOR_ALL}
	 * sub-supervisor, so a crash of one restarts them all; default none
	 */
	String group() default "";

	/**
	 * @return whether the worker runs on one instance of the service at a time: each run takes
	 * a cluster lock (ShedLock) and is skipped while another instance holds it
	 */
	boolean clusterSingleton() default false;

	/**
	 * @return the names of the checks the worker waits for: while any of them is DEGRADED the
	 * worker is parked (no run starts, no crash counts) and it runs again on its first tick after
	 * all are CONNECTED; default none
	 */
	String[] dependsOn() default {};

}
