package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.endpoint.OperatorAudit;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.SupervisorDescriptor;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.WorkerDescriptor;
import dev.resilience.autoconfigure.StartupFailures;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restart backoff configured under {@code resilience.workers.<name>.backoff}: a worker that
 * crashes on every run waits the backoff, not its interval, before running again; bad values
 * stop start-up naming the property, the value and what is allowed.
 */
class BackoffApplicationTests {

	private final StartupFailures failures = new StartupFailures();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(this.failures)
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean("crashing", CrashingWorker.class);

	@Test
	void aConfiguredWorkerWaitsTheGrowingBackoffInsteadOfItsInterval() {
		this.runner
			.withPropertyValues("resilience.workers.crashing.backoff.initial=300ms",
					"resilience.workers.crashing.backoff.max=1200ms", "resilience.workers.crashing.backoff.jitter=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CrashingWorker worker = context.getBean(CrashingWorker.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> worker.starts.size() >= 4);
				List<Long> gaps = gapsMillis(worker.starts.subList(0, 4));
				assertThat(gaps.get(0)).as("after the first crash").isGreaterThanOrEqualTo(300);
				assertThat(gaps.get(1)).as("after the second, doubled").isGreaterThanOrEqualTo(600);
				assertThat(gaps.get(2)).as("after the third, doubled again to max").isGreaterThanOrEqualTo(1200);
				// a loaded machine delays runs by up to a few hundred ms; the exact gaps are tested in virtual time
				assertThat(gaps.get(0)).as("not yet doubled").isLessThan(600);
			});
	}

	@Test
	void withoutBackoffTheWorkerRunsAgainOneIntervalAfterACrash() {
		this.runner.run((context) -> {
			CrashingWorker worker = context.getBean(CrashingWorker.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> worker.starts.size() >= 4);
			assertThat(gapsMillis(worker.starts.subList(0, 4))).allSatisfy((gap) -> assertThat(gap).isLessThan(200));
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			initial=1s                                              | 1s..32s x2 ±20%
			initial=500ms,max=1m,multiplier=1.5,jitter=0.125        | 500ms..1m x1.5 ±12.5%
			initial=2s,multiplier=1,jitter=0                        | 2s..64s x1 ±0%
			""")
	void theSupervisorsEndpointShowsTheBackoff(String keys, String shown) {
		this.runner.withPropertyValues(backoffKeys(keys)).run((context) -> {
			assertThat(worker(context)).extracting(WorkerDescriptor::backoff).isEqualTo(shown);
		});
	}

	@Test
	void theSupervisorsEndpointShowsNoBackoffWhenOff() {
		this.runner.run((context) -> assertThat(worker(context).backoff()).isNull());
	}

	private static WorkerDescriptor worker(AssertableApplicationContext context) {
		SupervisorsEndpoint endpoint = new SupervisorsEndpoint(context.getBean(SupervisionTreeLifecycle.class)::tree,
				org.springframework.boot.actuate.endpoint.Show.ALWAYS, java.util.Set.of(), Duration.ZERO,
				java.time.Clock.systemUTC(), new OperatorAudit((event) -> {
				}));
		SupervisorDescriptor branch = (SupervisorDescriptor) endpoint.supervisors(org.springframework.boot.actuate.endpoint.SecurityContext.NONE).root().children().get(0);
		return (WorkerDescriptor) branch.children().get(0);
	}

	private static String[] backoffKeys(String keys) {
		return List.of(keys.split(",")).stream()
			.map((kv) -> "resilience.workers.crashing.backoff." + kv)
			.toArray(String[]::new);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			initial=0s                  | initial     | 0s    | a positive duration
			initial=1s,max=500ms        | max         | 500ms | a duration of at least resilience.workers.crashing.backoff.initial (1s)
			initial=1s,multiplier=0.5   | multiplier  | 0.5   | a number of at least 1
			initial=1s,jitter=1.5       | jitter      | 1.5   | a number from 0 to 1
			initial=1s,jitter=-0.2      | jitter      | -0.2  | a number from 0 to 1
			initial=1s,reset-after=-1s  | reset-after | -1s   | a positive duration
			max=30s                     | max         | 30s   | no value unless resilience.workers.crashing.backoff.initial is set too
			jitter=0.2                  | jitter      | 0.2   | no value unless resilience.workers.crashing.backoff.initial is set too
			""")
	void badValuesStopStartUpNamingThePropertyTheValueAndWhatIsAllowed(String keys, String key, String value,
			String allowed) {
		String prefix = "resilience.workers.crashing.backoff.";
		this.runner.withPropertyValues(backoffKeys(keys)).run((context) -> {
				FailureAnalysis analysis = this.failures.analyze(context);
				assertThat(analysis.getDescription())
					.contains("Invalid value '" + value + "' for configuration property '" + prefix + key + "'")
					.contains("allowed is " + allowed);
			});
	}

	private static List<Long> gapsMillis(List<Long> starts) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < starts.size(); i++) {
			gaps.add(TimeUnit.NANOSECONDS.toMillis(starts.get(i) - starts.get(i - 1)));
		}
		return gaps;
	}

	static class CrashingWorker {

		final List<Long> starts = new CopyOnWriteArrayList<>();

		@SupervisedWorker(name = "crashing", interval = "20ms")
		public void run() {
			this.starts.add(System.nanoTime());
			throw new IllegalStateException("always broken");
		}

	}

}
