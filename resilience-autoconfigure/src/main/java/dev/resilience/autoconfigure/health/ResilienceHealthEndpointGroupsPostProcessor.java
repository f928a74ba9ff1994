package dev.resilience.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Fits the health groups to the starter's contributors:
 * <ul>
 * <li>the readiness group that Boot creates for the availability probes also checks the
 * {@code alarms} and {@code checks} contributors, with the status order and HTTP mapping of
 * {@code /actuator/health} (Boot's own probe group uses its built-in defaults, which know no
 * {@code DEGRADED}); a readiness group the user configures under
 * {@code management.endpoint.health.group.readiness} is left as configured;</li>
 * <li>a group with an HTTP mapping of its own keeps {@code DEGRADED} (and {@code DOWN},
 * {@code OUT_OF_SERVICE}) on 503 unless that mapping names it, as the global mapping does;</li>
 * <li>a configured status order that leaves {@code DEGRADED} out is used as written, with a
 * warning: such an order ignores {@code DEGRADED}, and reports a lone one as {@code UNKNOWN}.</li>
 * </ul>
 * It has Boot's probes post-processor's order and is registered after it, so it sees the
 * readiness group that one adds.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
final class ResilienceHealthEndpointGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

	static final String READINESS = "readiness";

	static final Set<String> READINESS_MEMBERS = Set.of("alarms", "checks");

	private static final String PROPERTY_PREFIX = "management.endpoint.health.";

	private static final Logger logger = LoggerFactory.getLogger(ResilienceHealthEndpointGroupsPostProcessor.class);

	private final HealthEndpointProperties properties;

	private final BeanFactory beanFactory;

	ResilienceHealthEndpointGroupsPostProcessor(HealthEndpointProperties properties, BeanFactory beanFactory) {
		this.properties = properties;
		this.beanFactory = beanFactory;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		warnIfDegradedUnranked(PROPERTY_PREFIX + "status.order", this.properties.getStatus().getOrder());
		Map<String, HealthEndpointGroup> replaced = new LinkedHashMap<>();
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness != null && !this.properties.getGroup().containsKey(READINESS)) {
			HealthEndpointGroup primary = groups.getPrimary();
			replaced.put(READINESS, new CustomizedHealthEndpointGroup(readiness, READINESS_MEMBERS,
					primary.getStatusAggregator(), primary.getHttpCodeStatusMapper()));
		}
		this.properties.getGroup().forEach((name, configured) -> {
			String prefix = PROPERTY_PREFIX + "group." + name + ".status.";
			warnIfDegradedUnranked(prefix + "order", configured.getStatus().getOrder());
			Map<String, Integer> mapping = configured.getStatus().getHttpMapping();
			HealthEndpointGroup group = groups.get(name);
			if (group != null && !mapping.isEmpty() && !hasMapperBean(name)) {
				replaced.put(name, new CustomizedHealthEndpointGroup(group, Set.of(), group.getStatusAggregator(),
						StatusDefaults.mapper(mapping)));
			}
		});
		return replaced.isEmpty() ? groups : new ResilienceHealthEndpointGroups(groups, replaced);
	}

	/**
	 * Whether the user gave the group its own mapper bean, which Boot then uses instead of
	 * the group's properties; looked up as Boot looks it up.
	 */
	private boolean hasMapperBean(String group) {
		try {
			BeanFactoryAnnotationUtils.qualifiedBeanOfType(this.beanFactory, HttpCodeStatusMapper.class, group);
			return true;
		}
		catch (NoSuchBeanDefinitionException ex) {
			return false;
		}
	}

	private static void warnIfDegradedUnranked(String property, List<String> order) {
		if (!order.isEmpty() && !StatusDefaults.ranksDegraded(order)) {
			logger.warn("{}={} does not list 'degraded': DEGRADED health is left out of the aggregate status "
					+ "(and reported as UNKNOWN when nothing else is). Add 'degraded' to it, for example between "
					+ "'out-of-service' and 'up'.", property, String.join(",", order));
		}
	}

}
