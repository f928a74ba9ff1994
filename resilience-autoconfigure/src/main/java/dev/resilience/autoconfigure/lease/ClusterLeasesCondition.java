package dev.resilience.autoconfigure.lease;

import java.util.Locale;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Which cluster lock cluster singletons get: {@code resilience.cluster.leases} when set;
 * otherwise ShedLock's when the application defines a ShedLock {@code LockProvider} bean, and
 * leases when it does not. Evaluated while beans are registered, when the application's own bean
 * definitions are known.
 *
 * @since 0.1.0
 */
public abstract class ClusterLeasesCondition extends SpringBootCondition implements ConfigurationCondition {

	/** The property that chooses. */
	public static final String PROPERTY = "resilience.cluster.leases";

	private static final String LOCK_PROVIDER = "net.javacrumbs.shedlock.core.LockProvider";

	private final boolean jdbc;

	ClusterLeasesCondition(boolean jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String chosen = context.getEnvironment().getProperty(PROPERTY);
		boolean leases;
		String why;
		if (chosen != null) {
			leases = !"shedlock".equals(chosen.trim().toLowerCase(Locale.ROOT));
			why = PROPERTY + "=" + chosen;
		}
		else {
			leases = !hasLockProvider(context);
			why = leases ? "no ShedLock LockProvider bean" : "a ShedLock LockProvider bean";
		}
		return (leases == this.jdbc) ? ConditionOutcome.match(why) : ConditionOutcome.noMatch(why);
	}

	private static boolean hasLockProvider(ConditionContext context) {
		ClassLoader classLoader = context.getClassLoader();
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		if (beans == null || !ClassUtils.isPresent(LOCK_PROVIDER, classLoader)) {
			return false;
		}
		return beans.getBeanNamesForType(ClassUtils.resolveClassName(LOCK_PROVIDER, classLoader), true, false).length > 0;
	}

	/** Leases: {@code resilience.cluster.leases=jdbc}, or unset without a ShedLock {@code LockProvider} bean. */
	public static final class OnJdbc extends ClusterLeasesCondition {

		public OnJdbc() {
			super(true);
		}

	}

	/** ShedLock: {@code resilience.cluster.leases=shedlock}, or unset with a ShedLock {@code LockProvider} bean. */
	public static final class OnShedLock extends ClusterLeasesCondition {

		public OnShedLock() {
			super(false);
		}

	}

}
