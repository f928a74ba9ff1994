package dev.resilience.autoconfigure.health;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health auto-configuration among Boot's own health auto-configurations: which beans win,
 * which groups change, and when it backs off.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResilienceHealthAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, ResilienceHealthAutoConfiguration.class))
		.withUserConfiguration(StandInContributors.class, RunningApplication.class);

	@Test
	void isListedAsAnAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
			.contains(ResilienceHealthAutoConfiguration.class.getName());
	}

	@Test
	void replacesBootsStatusAggregatorAndMapperWithOnesThatKnowDegraded() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(StatusAggregator.class)
				.hasSingleBean(HttpCodeStatusMapper.class)
				.hasBean("resilienceHealthStatusAggregator")
				.hasBean("resilienceHealthHttpCodeStatusMapper");
			assertThat(context.getBean(StatusAggregator.class)
				.getAggregateStatus(Status.UP, ResilienceStatus.DEGRADED)).isEqualTo(ResilienceStatus.DEGRADED);
			assertThat(context.getBean(HttpCodeStatusMapper.class).getStatusCode(ResilienceStatus.DEGRADED))
				.isEqualTo(503);
		});
	}

	@Test
	void userStatusAggregatorAndMapperBeansBackOursOff() {
		this.runner.withUserConfiguration(UserStatusBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(StatusAggregator.class).hasSingleBean(HttpCodeStatusMapper.class);
			assertThat(context.getBean(StatusAggregator.class)).isSameAs(UserStatusBeans.AGGREGATOR);
			assertThat(context.getBean(HttpCodeStatusMapper.class)).isSameAs(UserStatusBeans.MAPPER);
		});
	}

	@Test
	void degradedAlarmsMakeHealthAndReadiness503WithoutAnyStatusProperty() {
		this.runner.run((context) -> {
			context.getBean(StandInContributors.class).alarmsHealth.set(ResilienceStatus.DEGRADED);
			assertResponse(health(context), 503, ResilienceStatus.DEGRADED);
			assertResponse(health(context, "readiness"), 503, ResilienceStatus.DEGRADED);
			assertResponse(health(context, "liveness"), 200, Status.UP);
		});
	}

	@Test
	void readinessGroupAlsoChecksAlarmsAndChecksButLivenessDoesNot() {
		this.runner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			HealthEndpointGroup readiness = groups.get("readiness");
			assertThat(Set.of("readinessState", "alarms", "checks", "checks/datasource"))
				.allMatch(readiness::isMember);
			assertThat(Set.of("livenessState", "ping", "alarmsCheck")).noneMatch(readiness::isMember);
			HealthEndpointGroup liveness = groups.get("liveness");
			assertThat(liveness.isMember("livenessState")).isTrue();
			assertThat(Set.of("alarms", "checks", "checks/datasource")).noneMatch(liveness::isMember);
		});
	}

	@Test
	void nestedDegradedCheckMakesReadiness503() {
		this.runner.run((context) -> {
			context.getBean(StandInContributors.class).datasourceHealth.set(ResilienceStatus.DEGRADED);
			assertResponse(health(context, "readiness"), 503, ResilienceStatus.DEGRADED);
		});
	}

	@Test
	void readinessFollowsTheGlobalStatusSettings() {
		this.runner.withPropertyValues("management.endpoint.health.status.http-mapping.degraded=200")
			.run((context) -> {
				context.getBean(StandInContributors.class).alarmsHealth.set(ResilienceStatus.DEGRADED);
				assertResponse(health(context, "readiness"), 200, ResilienceStatus.DEGRADED);
			});
	}

	@Test
	void readinessGroupWithAUserIncludeIsLeftAsConfigured() {
		this.runner.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState")
			.run((context) -> {
				HealthEndpointGroup readiness = context.getBean(HealthEndpointGroups.class).get("readiness");
				assertThat(readiness.isMember("readinessState")).isTrue();
				assertThat(readiness.isMember("alarms")).isFalse();
				context.getBean(StandInContributors.class).alarmsHealth.set(ResilienceStatus.DEGRADED);
				assertResponse(health(context, "readiness"), 200, Status.UP);
			});
	}

	@Test
	void groupWithItsOwnHttpMappingKeepsDegradedOn503UnlessItNamesDegraded() {
		this.runner
			.withPropertyValues("management.endpoint.health.group.lb.include=alarms",
					"management.endpoint.health.group.lb.status.http-mapping.down=500",
					"management.endpoint.health.group.relaxed.include=alarms",
					"management.endpoint.health.group.relaxed.status.http-mapping.degraded=200")
			.run((context) -> {
				StandInHealthIndicator alarms = context.getBean(StandInContributors.class).alarmsHealth;
				alarms.set(ResilienceStatus.DEGRADED);
				assertResponse(health(context, "lb"), 503, ResilienceStatus.DEGRADED);
				assertResponse(health(context, "relaxed"), 200, ResilienceStatus.DEGRADED);
				alarms.set(Status.DOWN);
				assertResponse(health(context, "lb"), 500, Status.DOWN);
				assertResponse(health(context, "relaxed"), 503, Status.DOWN);
			});
	}

	@Test
	void groupWithItsOwnMapperBeanIsLeftAlone() {
		this.runner.withUserConfiguration(GroupMapperBean.class)
			.withPropertyValues("management.endpoint.health.group.lb.include=alarms",
					"management.endpoint.health.group.lb.status.http-mapping.down=500")
			.run((context) -> {
				context.getBean(StandInContributors.class).alarmsHealth.set(ResilienceStatus.DEGRADED);
				assertResponse(health(context, "lb"), 299, ResilienceStatus.DEGRADED);
			});
	}

	@Test
	void probeAdditionalPathsStillWork() {
		this.runner.withPropertyValues("management.endpoint.health.probes.add-additional-paths=true")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups).isInstanceOf(AdditionalPathsMapper.class);
				assertThat(((AdditionalPathsMapper) groups).getAdditionalPaths(HealthEndpoint.ID,
						WebServerNamespace.SERVER))
					.containsExactlyInAnyOrder("/livez", "/readyz");
				HealthEndpointGroup readyz = groups
					.get(AdditionalHealthEndpointPath.of(WebServerNamespace.SERVER, "/readyz"));
				assertThat(readyz.isMember("alarms")).isTrue();
			});
	}

	@Test
	void withoutProbesThereIsNoReadinessGroupToExtend() {
		this.runner.withPropertyValues("management.endpoint.health.probes.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness")).isNull();
			context.getBean(StandInContributors.class).alarmsHealth.set(ResilienceStatus.DEGRADED);
			assertResponse(health(context), 503, ResilienceStatus.DEGRADED);
		});
	}

	@Test
	void orderWithoutDegradedIsUsedAsWrittenWithAWarning(CapturedOutput output) {
		this.runner
			.withPropertyValues("management.endpoint.health.status.order=down,out-of-service,up,unknown",
					"management.endpoint.health.group.lb.include=alarms",
					"management.endpoint.health.group.lb.status.order=down,up")
			.run((context) -> {
				context.getBean(StandInContributors.class).alarmsHealth.set(ResilienceStatus.DEGRADED);
				assertThat(health(context).getBody().getStatus()).isEqualTo(Status.UP);
				assertThat(health(context, "lb").getBody().getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(output)
					.contains("management.endpoint.health.status.order=down,out-of-service,up,unknown does not list 'degraded'")
					.contains("management.endpoint.health.group.lb.status.order=down,up does not list 'degraded'");
			});
	}

	@Test
	void orderThatListsDegradedGivesNoWarning(CapturedOutput output) {
		this.runner.withPropertyValues("management.endpoint.health.status.order=down,degraded,up").run((context) -> {
			assertThat(context.getBean(HealthEndpointGroups.class)).isNotNull();
			assertThat(output).doesNotContain("does not list 'degraded'");
		});
	}

	@Test
	void backsOffWhenTheStarterIsDisabled() {
		this.runner.withPropertyValues("resilience.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ResilienceHealthEndpointGroupsPostProcessor.class)
				.doesNotHaveBean("resilienceHealthStatusAggregator");
			assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("alarms")).isFalse();
		});
	}

	@Test
	void backsOffWithoutActuatorOnTheClassPath() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceHealthAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ResilienceHealthEndpointGroupsPostProcessor.class)
				.doesNotHaveBean(StatusAggregator.class)
				.doesNotHaveBean(HttpCodeStatusMapper.class));
	}

	@Test
	void backsOffWithoutTheHealthModuleOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthEndpoint.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ResilienceHealthEndpointGroupsPostProcessor.class)
				.doesNotHaveBean("resilienceHealthStatusAggregator"));
	}

	private static WebEndpointResponse<HealthDescriptor> health(AssertableWebApplicationContext context,
			String... path) {
		return context.getBean(HealthEndpointWebExtension.class)
			.health(ApiVersion.V3, WebServerNamespace.SERVER, SecurityContext.NONE, path);
	}

	private static void assertResponse(WebEndpointResponse<HealthDescriptor> response, int httpStatus,
			Status status) {
		assertThat(response.getBody().getStatus()).isEqualTo(status);
		assertThat(response.getStatus()).isEqualTo(httpStatus);
	}

	/**
	 * Publishes what a running {@code SpringApplication} publishes: live, and accepting traffic.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RunningApplication {

		@EventListener
		void onRefreshed(ContextRefreshedEvent event) {
			AvailabilityChangeEvent.publish(event.getApplicationContext(), LivenessState.CORRECT);
			AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.ACCEPTING_TRAFFIC);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStatusBeans {

		static final StatusAggregator AGGREGATOR = (statuses) -> Status.UP;

		static final HttpCodeStatusMapper MAPPER = (status) -> 200;

		@Bean
		StatusAggregator userStatusAggregator() {
			return AGGREGATOR;
		}

		@Bean
		HttpCodeStatusMapper userHttpCodeStatusMapper() {
			return MAPPER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GroupMapperBean {

		@Bean
		@Qualifier("lb")
		HttpCodeStatusMapper lbHttpCodeStatusMapper() {
			return (status) -> 299;
		}

	}

}
