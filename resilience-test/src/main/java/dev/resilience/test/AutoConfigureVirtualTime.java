package dev.resilience.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * On a {@code @SpringBootTest}: replaces the starter's timer, run threads, watchdog, clock and
 * random by virtual ones, and adds the {@link VirtualTime} bean that moves them. Nothing the
 * starter times runs until the test calls {@link VirtualTime#advance}; then it runs on the test's
 * thread, so a test is deterministic and application events the starter publishes are
 * published on the test's thread (Spring's {@code @RecordApplicationEvents} records them).
 *
 * <p>The auto-configuration it imports is listed in
 * {@code META-INF/spring/dev.resilience.test.AutoConfigureVirtualTime.imports}, as for Spring
 * Boot's own {@code @AutoConfigure…} annotations. A {@link VirtualTime} bean of the test's own
 * (another start or seed) replaces the default one.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureVirtualTime {

}
