package dev.resilience.test.app;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.check.DependencyCheck;
import dev.resilience.worker.SupervisedWorker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The application of the test kit's own tests: workers at 1 s and 1 h, one that crashes on its
 * first five runs, and a check {@code db} a test can take down.
 */
@SpringBootApplication
public class VirtualDayApplication {

	@Bean
	Database database() {
		return new Database();
	}

	@Bean
	DependencyCheck db(Database database) {
		return () -> {
			if (database.down.get()) {
				throw new IllegalStateException("db down");
			}
		};
	}

	/** Whether the database is down, as a test says. */
	public static class Database {

		private final AtomicBoolean down = new AtomicBoolean();

		/** @param down whether it is down from now on */
		public void down(boolean down) {
			this.down.set(down);
		}

	}

	/** The workers. */
	@Component
	public static class Workers {

		private final AtomicInteger flakyRuns = new AtomicInteger();

		@SupervisedWorker(name = "ticker", interval = "1s")
		void ticker() {
		}

		@SupervisedWorker(name = "hourly", interval = "1h")
		void hourly() {
		}

		@SupervisedWorker(name = "flaky", interval = "10s")
		void flaky() {
			if (this.flakyRuns.incrementAndGet() <= 5) {
				throw new IllegalStateException("crash " + this.flakyRuns.get());
			}
		}

	}

}
