package dev.resilience.statuspage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.worker.SupervisedWorker;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A test application at the status page's scale: {@link #WORKERS} supervised workers (one in a
 * hundred fails on every run) and {@link #ALARMS} active alarms, with every request's server time
 * recorded.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ScaleApplication {

	static final int WORKERS = 1000;

	static final int ALARMS = 1000;

	@Bean
	static BeanDefinitionRegistryPostProcessor scaleWorkers() {
		return (BeanDefinitionRegistry registry) -> {
			for (int i = 0; i < WORKERS; i++) {
				RootBeanDefinition worker = new RootBeanDefinition(ScaleWorker.class);
				worker.getConstructorArgumentValues().addGenericArgumentValue(i);
				registry.registerBeanDefinition(String.format("worker%04d", i), worker);
			}
		};
	}

	@Bean
	ApplicationRunner scaleAlarms(Alarms alarms) {
		Severity[] severities = Severity.values();
		return (args) -> {
			for (int i = 0; i < ALARMS; i++) {
				alarms.set(String.format("alarm_%04d", i), severities[i % severities.length],
						"Scale test alarm number " + i + ": something stays wrong");
			}
		};
	}

	@Bean
	RequestTimings requestTimings() {
		return new RequestTimings();
	}

	/** One supervised worker; worker0000, worker0100... fail on every run. */
	static class ScaleWorker {

		private final int index;

		ScaleWorker(int index) {
			this.index = index;
		}

		@SupervisedWorker(interval = "5s")
		public void run() {
			if (this.index % 100 == 0) {
				throw new IllegalStateException("Worker " + this.index + " always fails");
			}
		}

	}

	/** Each request's path, server time and CPU time, from the filter's start to its end. */
	static class RequestTimings implements Filter {

		final List<Timing> timings = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long start = System.nanoTime();
			long cpuStart = threads.getCurrentThreadCpuTime();
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.timings.add(new Timing(((HttpServletRequest) request).getRequestURI(), System.nanoTime() - start,
						threads.getCurrentThreadCpuTime() - cpuStart));
			}
		}

	}

	/**
	 * One request.
	 *
	 * @param path its path
	 * @param nanos its server time, wall clock
	 * @param cpuNanos the CPU time its thread spent on it
	 */
	record Timing(String path, long nanos, long cpuNanos) {
	}

}
