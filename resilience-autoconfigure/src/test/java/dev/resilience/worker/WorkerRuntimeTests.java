package dev.resilience.worker;

import java.time.Clock;
import java.util.concurrent.Executor;

import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.ManualWorkerScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link WorkerRuntime}'s copies: each changes the one part it names.
 */
class WorkerRuntimeTests {

	@Test
	void withRunThreadsChangesOnlyWhereRunsExecute() {
		ManualScheduler timeouts = new ManualScheduler();
		try {
			WorkerRuntime runtime = new WorkerRuntime(new ManualWorkerScheduler(), Watchdog.on(timeouts),
					WorkerListener.NONE, Clock.systemUTC());
			Executor runThreads = (run) -> {
			};
			WorkerRuntime copy = runtime.withRunThreads(runThreads);
			assertThat(copy.runThreads()).isSameAs(runThreads);
			assertThat(runtime.runThreads()).isSameAs(WorkerRuntime.ON_TIMER);
			assertThat(copy).isEqualTo(new WorkerRuntime(runtime.scheduler(), runThreads, runtime.watchdog(),
					runtime.listener(), runtime.clock(), runtime.observer(), runtime.random()));
		}
		finally {
			timeouts.shutdownNow();
		}
	}

}
