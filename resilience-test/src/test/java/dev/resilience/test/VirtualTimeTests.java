package dev.resilience.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.Alarms;
import dev.resilience.runtime.Watchdog;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSettings;
import dev.resilience.worker.RunTimeoutException;
import dev.resilience.worker.WorkerSpec;
import org.junit.jupiter.api.Test;

import static dev.resilience.test.ResilienceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualTimeTests {

	private final VirtualTime time = VirtualTime.create();

	private final List<String> ran = new ArrayList<>();

	@Test
	void tasksRunInTimeOrderAndThoseDueTogetherInTheOrderGiven() {
		schedule("c", 3);
		schedule("a1", 1);
		schedule("b", 2);
		schedule("a2", 1);
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.ran).containsExactly("a1 at PT1S", "a2 at PT1S", "b at PT2S");
		assertThat(this.time.elapsed()).isEqualTo(Duration.ofSeconds(2));
		this.time.advance(Duration.ofSeconds(1));
		assertThat(this.ran).endsWith("c at PT3S");
	}

	@Test
	void whatATaskSchedulesRunsInTheSameAdvanceIfItFallsDue() {
		this.time.timer().schedule(() -> {
			this.ran.add("first at " + this.time.elapsed());
			schedule("second", 1);
		}, Duration.ofSeconds(1));
		this.time.advance(Duration.ofSeconds(2));
		assertThat(this.ran).containsExactly("first at PT1S", "second at PT2S");
	}

	@Test
	void aCancelledTaskNeverRuns() {
		ScheduledFuture<?> future = this.time.timer().schedule(() -> this.ran.add("cancelled"), Duration.ofSeconds(1));
		assertThat(future.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(1000);
		assertThat(future.cancel(false)).isTrue();
		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.ran).isEmpty();
		assertThat(this.time.pendingTasks()).isZero();
	}

	@Test
	void periodicTasksOfTheJdkInterfaceRunAtTheirRateAndDelay() {
		AtomicInteger rate = new AtomicInteger();
		AtomicInteger delay = new AtomicInteger();
		this.time.timer().executor().scheduleAtFixedRate(rate::incrementAndGet, 0, 1, TimeUnit.SECONDS);
		this.time.timer().executor().scheduleWithFixedDelay(delay::incrementAndGet, 1, 2, TimeUnit.SECONDS);
		this.time.advance(Duration.ofSeconds(10));
		assertThat(rate).hasValue(11); // 0, 1, ..., 10 s
		assertThat(delay).hasValue(5); // 1, 3, 5, 7, 9 s
	}

	@Test
	void theClockAndTheMonotonicTimeMoveTogether() {
		long nanos = this.time.timer().nanoTime();
		Instant before = this.time.clock().instant();
		this.time.advance(Duration.ofMinutes(90));
		assertThat(this.time.timer().nanoTime() - nanos).isEqualTo(Duration.ofMinutes(90).toNanos());
		assertThat(Duration.between(before, this.time.clock().instant())).isEqualTo(Duration.ofMinutes(90));
		assertThat(this.time.now()).isEqualTo(VirtualTime.DEFAULT_START.plus(Duration.ofMinutes(90)));
		this.time.advanceTo(VirtualTime.DEFAULT_START.plus(Duration.ofHours(2)));
		assertThat(this.time.elapsed()).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void timeOnlyMovesOn() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.time.advance(Duration.ofSeconds(-1)))
			.withMessage("virtual time only moves on; asked to move by PT-1S");
	}

	@Test
	void whatATaskThrowsFailsTheAdvanceAtItsInstant() {
		this.time.runThreads().execute(() -> {
			throw new IllegalStateException("a bug");
		});
		schedule("later", 5);
		assertThatIllegalStateException().isThrownBy(() -> this.time.advance(Duration.ofSeconds(10)))
			.withMessage("a bug");
		assertThat(this.time.elapsed()).isZero();
		this.time.advance(Duration.ofSeconds(10));
		assertThat(this.ran).containsExactly("later at PT5S");
	}

	@Test
	void aTimeoutNeverPassesDuringARunThatDoesNotSleep() {
		Watchdog.Guard guard = this.time.timer().watchdog().guard(Duration.ofSeconds(1));
		this.time.runDue();
		assertThat(guard.end()).isFalse();
		this.time.advance(Duration.ofSeconds(5));
		assertThat(guard.timedOut()).isFalse();
	}

	@Test
	void aRunThatSleepsPastItsTimeoutIsInterruptedThereAndEndsAsATimeout() {
		Alarms alarms = this.time.alarms().build();
		List<String> sleeps = new ArrayList<>();
		WorkerSpec slow = WorkerSpec.of("slow", Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(2));
		SupervisionTree tree = this.time.supervisionTree(alarms)
			.worker(WorkerSettings.of(slow), () -> () -> {
				try {
					this.time.sleep(Duration.ofSeconds(5));
					sleeps.add("slept until " + this.time.elapsed());
				}
				catch (InterruptedException ex) {
					sleeps.add("interrupted at " + this.time.elapsed());
					throw ex;
				}
				return true;
			})
			.worker(WorkerSettings.of("fast", Duration.ofSeconds(1)), () -> () -> true)
			.build();
		tree.start();
		this.time.advance(Duration.ofSeconds(13));
		// the run starts at 10 s; its 2 s timeout falls due during its 5 s sleep, which ends there
		assertThat(sleeps).containsExactly("interrupted at PT12S");
		assertThat(tree).worker("slow").hasRun(1).hasRestarted(1).hasLastFailure(RunTimeoutException.class);
		assertThat(tree.worker("slow").orElseThrow().lastFailure().at()).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(12));
		// what fell due during the sleep ran, nested on the same thread: fast at 11 s and 12 s
		assertThat(tree).worker("fast").hasRun(13);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		tree.stop();
		alarms.close();
	}

	@Test
	void aSleepOutsideARunMovesTheTimeAsAnAdvance() throws InterruptedException {
		schedule("due", 1);
		this.time.sleep(Duration.ofSeconds(3));
		assertThat(this.ran).containsExactly("due at PT1S");
		assertThat(this.time.elapsed()).isEqualTo(Duration.ofSeconds(3));
		Thread.currentThread().interrupt();
		assertThatThrownBy(() -> this.time.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void aSleepingRunThatEndsInTimeIsNoTimeout() {
		Alarms alarms = this.time.alarms().build();
		WorkerSpec spec = WorkerSpec.of("steady", Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(2));
		SupervisionTree tree = this.time.supervisionTree(alarms).worker(WorkerSettings.of(spec), () -> () -> {
			this.time.sleep(Duration.ofSeconds(1));
			return true;
		}).build();
		tree.start();
		this.time.advance(Duration.ofSeconds(30));
		// runs at 10 s (ends 11 s), 21 s (ends 22 s): each next run one interval after the last ended
		assertThat(tree).worker("steady").hasRun(2).hasConsecutiveFailures(0).hasRestarted(0);
		assertThat(this.time.elapsed()).isEqualTo(Duration.ofSeconds(30));
		tree.stop();
		alarms.close();
	}

	private void schedule(String name, long seconds) {
		this.time.timer().schedule(() -> this.ran.add(name + " at " + this.time.elapsed()), Duration.ofSeconds(seconds));
	}

}
