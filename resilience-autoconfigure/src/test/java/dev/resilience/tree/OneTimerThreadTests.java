package dev.resilience.tree;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.AlarmHandler;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import dev.resilience.check.CheckSettings;
import dev.resilience.runtime.Timer;
import dev.resilience.testsupport.Threads;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tree built without Spring, with workers (one with a run timeout, one crashing under backoff), a
 * check and an alarm list with a handler, has exactly one timer thread, counted by name: the tree
 * takes the alarm list's timer, and nothing else starts one.
 */
class OneTimerThreadTests {

	@Test
	void treeAndItsAlarmsShareOneTimerThread() {
		long before = Threads.named(Timer.THREAD_NAME);
		AtomicInteger crashes = new AtomicInteger();
		AtomicInteger handled = new AtomicInteger();
		Alarms alarms = Alarms.builder().handler(new AlarmHandler() {
			@Override
			public void onSet(dev.resilience.alarm.Alarm alarm) {
				handled.incrementAndGet();
			}
		}).handlerTimeout(Duration.ofSeconds(1)).build();
		SupervisionTree tree = SupervisionTree.builder()
			.alarms(alarms)
			.check(new CheckSettings("inventory", Duration.ofMillis(50), Duration.ofSeconds(1), 1, "inventory_down",
					Severity.MAJOR), () -> {
					})
			.worker(WorkerSettings.of(WorkerSpec.of("timed", Duration.ofMillis(20)).withTimeout(Duration.ofSeconds(1))),
					() -> () -> true)
			.worker(WorkerSettings.of("crashing", Duration.ofMillis(20)), () -> () -> {
				crashes.incrementAndGet();
				throw new IllegalStateException("down");
			})
			.build();
		try {
			tree.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> crashes.get() >= 3 && handled.get() >= 1);
			assertThat(Threads.named(Timer.THREAD_NAME) - before).as("timer threads started").isEqualTo(1);
		}
		finally {
			tree.stop();
			alarms.close();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> Threads.named(Timer.THREAD_NAME) == before);
	}

}
