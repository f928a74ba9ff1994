package dev.resilience.autoconfigure.endpoint;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.DependencyCheck;
import dev.resilience.event.OperatorActionEvent;
import dev.resilience.testsupport.Http;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write operations people can trust: every one audited with its principal, triggers spaced out,
 * checks that refuse pause and stop.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriteOperationsTrustTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void everyWriteOperationLogsOneInfoLineAndPublishesAnEventNamingThePrincipal(CapturedOutput output) {
		start("--management.endpoint.supervisors.trigger-min-gap=0s");
		SupervisorsEndpoint supervisors = this.context.getBean(SupervisorsEndpoint.class);
		SecurityContext alice = user("alice");
		for (String action : List.of("pause", "resume", "trigger", "stop", "start", "restart")) {
			supervisors.act("ticker", action, alice);
		}
		this.context.getBean(Alarms.class).set("disk_full", Severity.WARNING, "92% used");
		this.context.getBean(AlarmsEndpoint.class).clear("disk_full", alice);
		List<OperatorActionEvent> events = this.context.getBean(App.class).events;
		assertThat(events).extracting(OperatorActionEvent::action)
			.containsExactly("pause", "resume", "trigger", "stop", "start", "restart", "clear");
		assertThat(events).allSatisfy((event) -> assertThat(event.principal()).isEqualTo("alice"));
		assertThat(events.get(6)).isEqualTo(new OperatorActionEvent("alarm", "disk_full", "clear", "alice", "done"));
		for (String action : List.of("pause", "resume", "trigger", "stop", "start", "restart")) {
			assertThat(lines(output, "INFO", "Operator action " + action + " on worker 'ticker' by 'alice': done"))
				.hasSize(1);
		}
		assertThat(lines(output, "INFO", "Operator action clear on alarm 'disk_full' by 'alice': done")).hasSize(1);
	}

	@Test
	void anAnonymousCallerOverHttpIsAuditedAsAnonymous(CapturedOutput output) {
		Http http = start();
		assertThat(http.post("/actuator/supervisors/ticker", "{\"action\":\"pause\"}").status()).isEqualTo(200);
		assertThat(lines(output, "INFO", "Operator action pause on worker 'ticker' by an anonymous caller: done"))
			.hasSize(1);
		assertThat(this.context.getBean(App.class).events).singleElement()
			.satisfies((event) -> assertThat(event.principal()).isNull());
	}

	@Test
	void aSecondTriggerWithinTheMinimumGapIsAConflictAndAudited(CapturedOutput output) {
		Http http = start("--management.endpoint.supervisors.trigger-min-gap=1h");
		assertThat(http.post("/actuator/supervisors/ticker", "{\"action\":\"trigger\"}").status()).isEqualTo(200);
		Http.Response again = http.post("/actuator/supervisors/ticker", "{\"action\":\"trigger\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body()).contains("triggers of one worker are at least 1h apart")
			.contains("management.endpoint.supervisors.trigger-min-gap");
		assertThat(this.context.getBean(App.class).events).extracting(OperatorActionEvent::outcome)
			.containsExactly("done", again.json().get("message").toString().transform((m) -> "refused: " + m));
	}

	@Test
	void aCheckCanBeTriggeredButNotPausedOrStopped() {
		Http http = start("--management.endpoint.supervisors.trigger-min-gap=0s");
		for (String action : List.of("pause", "stop")) {
			Http.Response refused = http.post("/actuator/supervisors/inventory-check",
					"{\"action\":\"" + action + "\"}");
			assertThat(refused.status()).as(action).isEqualTo(409);
			assertThat(refused.body()).as(action).contains("runs a dependency check, which can be triggered but not")
				.contains("readiness would stay frozen");
		}
		assertThat(http.supervisedWorker("inventory-check")).containsEntry("state", "RUNNING");
		assertThat(http.post("/actuator/supervisors/inventory-check", "{\"action\":\"trigger\"}").status())
			.isEqualTo(200);
	}

	@Test
	void exceptionTextAndHolderFollowShowDetailsNever() {
		start("--management.endpoint.supervisors.show-details=never");
		assertThat(failureMessage(SecurityContext.NONE)).isNull();
		assertThat(failureMessage(user("alice"))).isNull();
	}

	@Test
	void exceptionTextAndHolderFollowShowDetailsWhenAuthorized() {
		start();
		assertThat(failureMessage(SecurityContext.NONE)).isNull();
		assertThat(failureMessage(user("alice"))).isEqualTo("secret host db-7 user payroll");
		assertThat(inventoryFailure(SecurityContext.NONE)).isEqualTo("java.lang.IllegalStateException");
		assertThat(inventoryFailure(user("alice"))).contains("secret host db-7");
	}

	@Test
	void whenAuthorizedWithRolesNeedsOneOfThem() {
		start("--management.endpoint.supervisors.roles=OPS");
		assertThat(failureMessage(user("alice"))).isNull();
		assertThat(failureMessage(user("bob", "OPS"))).isEqualTo("secret host db-7 user payroll");
	}

	@Test
	void exceptionTextAndHolderFollowShowDetailsAlways() {
		Http http = start("--management.endpoint.supervisors.show-details=always");
		assertThat(failureMessage(SecurityContext.NONE)).isEqualTo("secret host db-7 user payroll");
		assertThat(http.get("/actuator/supervisors").body()).contains("secret host db-7 user payroll");
	}

	@SuppressWarnings("unchecked")
	private String failureMessage(SecurityContext security) {
		org.awaitility.Awaitility.await().until(() -> this.context.getBean(App.class).failures > 0);
		SupervisorsEndpoint.SupervisorsDescriptor tree = this.context.getBean(SupervisorsEndpoint.class)
			.supervisors(security);
		return tree.root()
			.children()
			.stream()
			.flatMap((branch) -> ((SupervisorsEndpoint.SupervisorDescriptor) branch).children().stream())
			.map(SupervisorsEndpoint.WorkerDescriptor.class::cast)
			.filter((worker) -> worker.name().equals("failing"))
			.findFirst()
			.orElseThrow()
			.lastFailure()
			.message();
	}

	private String inventoryFailure(SecurityContext security) {
		return this.context.getBean(SupervisorsEndpoint.class)
			.supervisors(security)
			.checks()
			.stream()
			.filter((check) -> check.name().equals("inventory"))
			.findFirst()
			.orElseThrow()
			.lastFailure();
	}

	private static List<String> lines(CapturedOutput output, String level, String text) {
		return output.getAll().lines().filter((line) -> line.contains(level) && line.contains(text)).toList();
	}

	private static SecurityContext user(String name, String... roles) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String role) {
				return List.of(roles).contains(role);
			}

		};
	}

	private Http start(String... args) {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=supervisors,alarms",
					"management.endpoint.supervisors.access=unrestricted",
					"management.endpoint.alarms.access=unrestricted", "resilience.checks.inventory.interval=1h")
			.run(args);
		return new Http(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final List<OperatorActionEvent> events = new CopyOnWriteArrayList<>();

		volatile int failures;

		@EventListener
		void audited(OperatorActionEvent event) {
			this.events.add(event);
		}

		@SupervisedWorker(name = "ticker", interval = "1h")
		public void tick() {
		}

		@SupervisedWorker(name = "failing", interval = "50ms")
		public void fail() {
			this.failures++;
			throw new IllegalStateException("secret host db-7 user payroll");
		}

		@Bean
		DependencyCheck inventory() {
			return () -> {
				throw new IllegalStateException("secret host db-7");
			};
		}

	}

}
