package com.example.payments;

import java.time.Duration;

import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.event.WorkerRestartedEvent;
import dev.resilience.test.AutoConfigureVirtualTime;
import dev.resilience.test.VirtualTime;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

// The README's test, as printed there (section "Testing your workers"): it must stay a copy.
@SpringBootTest(properties = { "resilience.workers.payments.backoff.initial=1s",
		"resilience.workers.payments.backoff.jitter=0", "resilience.alarms.rules.payments_crashing.debounce=30s" })
@AutoConfigureVirtualTime
@RecordApplicationEvents
class PaymentsWorkerTests {

	@Autowired
	VirtualTime time;

	@Autowired
	SupervisionTree tree;

	@Autowired
	Alarms alarms;

	@Autowired
	Payments payments;

	@Autowired
	ApplicationEvents events;

	@Test
	void aFailingWorkerIsRestartedWithBackoffAndRaisesItsAlarmAfterTheDebounce() {
		// crashes at 1 s, then after 1, 2, 4, 8 and 16 s of backoff: at 2, 4, 8, 16 and 32 s
		this.time.advance(Duration.ofSeconds(33));
		assertThat(this.tree).worker("payments").isRunning().hasRestarted(6).hasConsecutiveFailures(6);
		assertThat(this.events.stream(WorkerRestartedEvent.class)).hasSize(6);
		// set at the third crash in a row (4 s), visible after its 30 s debounce
		assertThat(this.alarms).doesNotHaveActive("payments_crashing");
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.alarms).hasActive("payments_crashing", Severity.MINOR);

		this.payments.bankUp = true; // the next run, at 64 s (32 s of backoff), succeeds
		this.time.advanceTo(VirtualTime.DEFAULT_START.plusSeconds(66));
		assertThat(this.tree).worker("payments").hasConsecutiveFailures(0).hasRestarted(6);
		assertThat(this.alarms).hasNoActiveAlarms(); // cleared by the third success in a row
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Payments payments() {
			return new Payments();
		}

	}

	static class Payments {

		volatile boolean bankUp;

		@SupervisedWorker(name = "payments", interval = "1s")
		void pay() {
			if (!this.bankUp) {
				throw new IllegalStateException("bank unreachable");
			}
		}

	}

}
