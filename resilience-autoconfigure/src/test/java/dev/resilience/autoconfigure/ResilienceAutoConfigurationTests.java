package dev.resilience.autoconfigure;

import dev.resilience.autoconfigure.settings.ResilienceProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;
import dev.resilience.autoconfigure.settings.ResilienceSettingsResolver;
import dev.resilience.autoconfigure.worker.OnExhaustedPolicy;
import dev.resilience.autoconfigure.worker.SupervisionTreeLifecycle;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.TreeSnapshot;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.ClusterLock;
import dev.resilience.event.WorkerCrashedEvent;
import dev.resilience.event.WorkerRestartedEvent;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.supervisor.Intensity;
import dev.resilience.supervisor.Strategy;
import dev.resilience.worker.SupervisedWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				dev.resilience.autoconfigure.metrics.ResilienceMetricsAutoConfiguration.class));

	@Test
	void runsAnAnnotatedSingletonMethod() {
		this.runner.withUserConfiguration(CountingWorkerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SupervisionTreeLifecycle.class)
				.hasBean(SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME);
			CountingWorker worker = context.getBean(CountingWorker.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> worker.runs.get() >= 3);
			assertThat(tree(context).workerNames()).containsExactly("counting");
		});
	}

	@Test
	void defaultNameIsBeanNameDotMethodName() {
		this.runner.withBean("ticker", UnnamedWorker.class).run((context) -> {
			assertThat(tree(context).workerNames()).containsExactly("ticker.tick");
		});
	}

	@Test
	void findsWorkersBehindAnAopProxyAndInvokesThroughTheProxy() {
		this.runner.withUserConfiguration(ProxiedWorkerConfiguration.class).run((context) -> {
			ProxiedWorkerConfiguration config = context.getBean(ProxiedWorkerConfiguration.class);
			CountingWorker target = config.target;
			await().atMost(Duration.ofSeconds(5)).until(() -> target.runs.get() >= 2);
			assertThat(config.advised.get()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void prototypeWorkerGetsAFreshInstanceOnEveryRestart() {
		PrototypeWorker.instances.clear();
		this.runner.withUserConfiguration(PrototypeWorkerConfiguration.class).run((context) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> PrototypeWorker.instances.size() >= 4);
			// every instance ran once and crashed: a restart never reuses an instance
			assertThat(PrototypeWorker.instances).allSatisfy((instance) -> assertThat(instance.runs.get()).isLessThanOrEqualTo(1));
		});
	}

	@Test
	void userSchedulerBacksOffTheAutoConfiguredOne() {
		this.runner.withUserConfiguration(CountingWorkerConfiguration.class, UserSchedulerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME))
					.isSameAs(context.getBean(UserSchedulerConfiguration.class).scheduler);
				CountingWorker worker = context.getBean(CountingWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> worker.runs.get() >= 2);
				assertThat(worker.threads).allMatch((name) -> name.startsWith("user-scheduler-"));
			});
	}

	@Test
	void userSupervisedWorkersBeanBacksOffTheAutoConfiguredOne() {
		this.runner.withUserConfiguration(UserSupervisedWorkersConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SupervisionTreeLifecycle.class);
			assertThat(context.getBean(SupervisionTreeLifecycle.class))
				.isSameAs(context.getBean(UserSupervisedWorkersConfiguration.class).mine);
		});
	}

	@Test
	void disabledStarterRunsNoWorker() {
		this.runner.withUserConfiguration(CountingWorkerConfiguration.class)
			.withPropertyValues("resilience.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SupervisionTreeLifecycle.class)
					.doesNotHaveBean(SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME);
				CountingWorker worker = context.getBean(CountingWorker.class);
				await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
					.until(() -> worker.runs.get() == 0);
			});
	}

	@Test
	void disabledWorkerDoesNotRun() {
		this.runner.withUserConfiguration(CountingWorkerConfiguration.class)
			.withPropertyValues("resilience.workers.counting.enabled=false")
			.run((context) -> {
				assertThat(tree(context).workerNames()).isEmpty();
				CountingWorker worker = context.getBean(CountingWorker.class);
				await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
					.until(() -> worker.runs.get() == 0);
			});
	}

	@Test
	void propertiesOverrideTheAnnotation() {
		this.runner.withUserConfiguration(SlowWorkerConfiguration.class)
			.withPropertyValues("resilience.workers.slow.interval=20ms", "resilience.workers.slow.initial-delay=0s")
			.run((context) -> {
				CountingWorker worker = context.getBean(CountingWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> worker.runs.get() >= 5);
			});
	}

	@Test
	void annotationPlaceholdersAreResolved() {
		this.runner.withUserConfiguration(PlaceholderWorkerConfiguration.class)
			.withPropertyValues("app.tick=20ms")
			.run((context) -> {
				CountingWorker worker = context.getBean(CountingWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> worker.runs.get() >= 5);
			});
	}

	@Test
	void publishesCrashAndRestartEvents() {
		this.runner.withUserConfiguration(FailingWorkerConfiguration.class, EventRecorder.class).run((context) -> {
			EventRecorder events = context.getBean(EventRecorder.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> events.ofType(WorkerRestartedEvent.class).size() >= 2);
			WorkerCrashedEvent crash = events.ofType(WorkerCrashedEvent.class).get(0);
			assertThat(crash.worker()).isEqualTo("failing");
			assertThat(crash.exception()).hasMessage("Invalid payment for job 42");
			assertThat(events.ofType(WorkerRestartedEvent.class).get(0).worker()).isEqualTo("failing");
		});
	}

	@Test
	void workersOfOneGroupShareFateUnderOneForAll() {
		this.runner.withUserConfiguration(GroupConfiguration.class, EventRecorder.class).run((context) -> {
			EventRecorder events = context.getBean(EventRecorder.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> events.ofType(WorkerRestartedEvent.class)
				.stream()
				.anyMatch((event) -> event.worker().equals("ledger")));
			TreeSnapshot root = tree(context).snapshot();
			assertThat(root.supervisors()).singleElement().satisfies((billing) -> {
				assertThat(billing.supervisor().id()).isEqualTo("billing");
				assertThat(billing.supervisor().strategy()).isEqualTo(Strategy.ONE_FOR_ALL);
				assertThat(billing.workers()).extracting(WorkerSnapshot::name).containsExactly("invoices", "ledger");
			});
		});
	}

	@Test
	void eachWorkerGetsItsOwnSubSupervisorWithTheDerivedLimit() {
		this.runner.withUserConfiguration(FailingWorkerConfiguration.class, CountingWorkerConfiguration.class)
			.withPropertyValues("resilience.workers.failing.interval=100ms")
			.run((context) -> {
				TreeSnapshot root = tree(context).snapshot();
				assertThat(root.root().intensity()).isEqualTo(new Intensity(3, Duration.ofSeconds(5)));
				assertThat(root.supervisors()).extracting((branch) -> branch.supervisor().intensity().maxRestarts())
					.containsExactlyInAnyOrder(51, 251);
			});
	}

	@Test
	void recordsWorkerMetersWhenAMeterRegistryExists() {
		this.runner.withUserConfiguration(FailingWorkerConfiguration.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(WorkerMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("resilience.worker.restarts")
					.tag("worker", "failing")
					.counter() != null && registry.get("resilience.worker.restarts").counter().count() >= 2);
				assertThat(registry.get("resilience.worker.runs")
					.tags("worker", "failing", "outcome", "failure", "error", "IllegalStateException")
					.timer()
					.count()).isGreaterThanOrEqualTo(2);
				assertThat(registry.find("resilience.worker.run.duration").meters()).isEmpty();
			});
	}

	@Test
	void withoutMicrometerTheWorkersStillRun() {
		this.runner.withUserConfiguration(CountingWorkerConfiguration.class)
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WorkerMetrics.class);
				CountingWorker worker = context.getBean(CountingWorker.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> worker.runs.get() >= 2);
			});
	}

	static class CountingWorker {

		final AtomicInteger runs = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		void count() {
			this.runs.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
		}

	}

	static class CountingWorkerBean extends CountingWorker {

		@SupervisedWorker(name = "counting", interval = "20ms")
		public void run() {
			count();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingWorkerConfiguration {

		@Bean
		CountingWorkerBean countingWorker() {
			return new CountingWorkerBean();
		}

	}

	static class UnnamedWorker {

		@SupervisedWorker(interval = "1h")
		public void tick() {
		}

	}

	public interface Job {

		void work();

	}

	static class ProxiedJob extends CountingWorker implements Job {

		@Override
		@SupervisedWorker(name = "proxied", interval = "20ms")
		public void work() {
			count();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedWorkerConfiguration {

		final ProxiedJob target = new ProxiedJob();

		final AtomicInteger advised = new AtomicInteger();

		@Bean
		Job proxiedJob() {
			ProxyFactory factory = new ProxyFactory(this.target);
			factory.addAdvice((MethodInterceptor) (invocation) -> {
				this.advised.incrementAndGet();
				return invocation.proceed();
			});
			return (Job) factory.getProxy();
		}

	}

	static class PrototypeWorker {

		static final List<PrototypeWorker> instances = java.util.Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger runs = new AtomicInteger();

		PrototypeWorker() {
			instances.add(this);
		}

		@SupervisedWorker(name = "prototype", interval = "20ms")
		public void run() {
			this.runs.incrementAndGet();
			throw new IllegalStateException("crash to get a fresh instance");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeWorkerConfiguration {

		@Bean
		@Scope("prototype")
		PrototypeWorker prototypeWorker() {
			return new PrototypeWorker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSchedulerConfiguration {

		final ThreadPoolTaskExecutor scheduler = new ThreadPoolTaskExecutor();

		@Bean(name = SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME)
		ThreadPoolTaskExecutor resilienceRunThreads() {
			this.scheduler.setThreadNamePrefix("user-scheduler-");
			return this.scheduler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSupervisedWorkersConfiguration {

		SupervisionTreeLifecycle mine;

		@Bean
		SupervisionTreeLifecycle mySupervisionTreeLifecycle(
				org.springframework.context.ConfigurableApplicationContext context) {
			ResilienceProperties defaults = new Binder().bindOrCreate("resilience", ResilienceProperties.class);
			ResilienceSettingsResolver settings = new ResilienceSettingsResolver(defaults, (text) -> text,
					context.getEnvironment());
			this.mine = new SupervisionTreeLifecycle(settings,
					new dev.resilience.autoconfigure.worker.SupervisedWorkerAnnotationProcessor(), context,
					dev.resilience.runtime.Timer.start("test-timer"), dev.resilience.runtime.RunThreads.platform(0),
					dev.resilience.runtime.Watchdog.start("test-watchdog"),
					dev.resilience.alarm.Alarms.builder().build(), context.getBeanProvider(ClusterLock.class),
					new SupervisionTreeLifecycle.Listeners(List.of(), List.of(), List.of(), List.of()),
					new OnExhaustedPolicy(settings.onExhausted(), settings.rootIntensity(), context));
			return this.mine;
		}

	}

	static class SlowWorker extends CountingWorker {

		@SupervisedWorker(name = "slow", interval = "1h")
		public void run() {
			count();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowWorkerConfiguration {

		@Bean
		SlowWorker slowWorker() {
			return new SlowWorker();
		}

	}

	static class PlaceholderWorker extends CountingWorker {

		@SupervisedWorker(name = "placeholder", interval = "${app.tick}")
		public void run() {
			count();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderWorkerConfiguration {

		@Bean
		PlaceholderWorker placeholderWorker() {
			return new PlaceholderWorker();
		}

	}

	static class FailingWorker {

		@SupervisedWorker(name = "failing", interval = "20ms")
		public void run() {
			throw new IllegalStateException("Invalid payment for job 42");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingWorkerConfiguration {

		@Bean
		FailingWorker failingWorker() {
			return new FailingWorker();
		}

	}

	static class Invoices {

		@SupervisedWorker(name = "invoices", interval = "50ms", group = "billing")
		public void run() {
			throw new IllegalStateException("invoice failed");
		}

	}

	static class Ledger {

		@SupervisedWorker(name = "ledger", interval = "1h", group = "billing")
		public void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GroupConfiguration {

		@Bean
		Invoices invoices() {
			return new Invoices();
		}

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

	}

	static class EventRecorder implements ApplicationListener<PayloadApplicationEvent<?>> {

		final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<?> event) {
			this.events.add(event.getPayload());
		}

		<T> List<T> ofType(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

	private static SupervisionTree tree(org.springframework.context.ApplicationContext context) {
		return context.getBean(SupervisionTreeLifecycle.class).tree().orElseThrow();
	}

}
