package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import dev.resilience.worker.SupervisedWorker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per-run cost of a cluster singleton: the tiny body ({@link RunCounter#run}) run back to back
 * (fixed delay of 1 ns) by {@code @SupervisedWorker(clusterSingleton = true)} in a Spring Boot
 * application with the starter, on an H2 database in memory, one instance, one scheduler thread.
 * <ul>
 * <li>{@code lease}: {@code resilience.cluster.leases=jdbc}, the lease held by this instance all
 * along ({@code JdbcLeaseStore}); a run asks nothing before it and renews the lease, writing
 * {@code next_run_at}, in one statement at its end;</li>
 * <li>{@code shedlock}: {@code resilience.cluster.leases=shedlock} with ShedLock's
 * {@code JdbcTemplateLockProvider} on the same database: a lock taken and released for every run
 * (today's path).</li>
 * </ul>
 * The score is the time per run, the scheduler's own cost included (compare
 * {@code RunOverheadBenchmark}'s {@code boot-starter}, the same worker without a cluster lock).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LeaseRunBenchmark {

	static final int RUNS = 1_000;

	@Param({ "lease", "shedlock" })
	public String variant;

	private final RunCounter counter = new RunCounter();

	private ConfigurableApplicationContext context;

	@Setup(Level.Trial)
	public void start() {
		SpringApplication application = new SpringApplication(Singleton.class);
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("runCounter", this.counter));
		this.context = application.run("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--resilience.scheduler.pool-size=1",
				"--spring.datasource.url=jdbc:h2:mem:lease-bench-" + this.variant + ";DB_CLOSE_DELAY=-1",
				"--resilience.checks.datasource.enabled=false", "--resilience.cluster.leases="
						+ ("lease".equals(this.variant) ? "jdbc" : "shedlock"),
				"--resilience.cluster.lease-time=10s", "--bench.variant=" + this.variant);
		this.counter.await(1);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	/** Waits for {@value #RUNS} runs: the score is the time per run. */
	@Benchmark
	@OperationsPerInvocation(RUNS)
	public void run() {
		this.counter.await(RUNS);
	}

	/** A cluster singleton with the starter, on a lease or a ShedLock lock. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SingletonJob.class)
	static class Singleton {

		@Bean
		@ConditionalOnProperty(name = "bench.variant", havingValue = "shedlock")
		LockProvider lockProvider(DataSource dataSource) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("create table if not exists shedlock (name varchar(64) not null primary key, "
					+ "lock_until timestamp not null, locked_at timestamp not null, locked_by varchar(255) not null)");
			return new JdbcTemplateLockProvider(jdbc);
		}

	}

	/** The job, a cluster singleton. */
	static class SingletonJob {

		private final RunCounter counter;

		SingletonJob(RunCounter counter) {
			this.counter = counter;
		}

		@SupervisedWorker(name = "bench", interval = "1ns", initialDelay = "0s", clusterSingleton = true)
		public void tick() {
			this.counter.run();
		}

	}

}
