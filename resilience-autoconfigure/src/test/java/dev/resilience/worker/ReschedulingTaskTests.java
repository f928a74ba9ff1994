package dev.resilience.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.testsupport.ManualWorkerScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unit tests of {@link ReschedulingTask}, the fixed delay of a scheduler that has only one-shot
 * tasks ({@link WorkerScheduler#scheduleWithFixedDelay}'s default).
 */
class ReschedulingTaskTests {

	private final ManualWorkerScheduler scheduler = new ManualWorkerScheduler();

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void firstRunAfterTheInitialDelayThenOneDelayAfterEachRun() {
		ScheduledFuture<?> future = this.scheduler.scheduleWithFixedDelay(this.runs::incrementAndGet,
				Duration.ofSeconds(1), Duration.ofSeconds(7));
		assertThat(future.getDelay(TimeUnit.SECONDS)).isEqualTo(1);
		this.scheduler.runNext();
		assertThat(future.getDelay(TimeUnit.SECONDS)).isEqualTo(7);
		this.scheduler.runNext();
		assertThat(this.runs).hasValue(2);
		assertThat(this.scheduler.all()).extracting(ManualWorkerScheduler.Tick::delay)
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(7), Duration.ofSeconds(7));
		assertThat(future.isCancelled()).isFalse();
		assertThat(future.isDone()).isFalse();
	}

	@Test
	void cancelStopsTheNextRun() {
		ScheduledFuture<?> future = this.scheduler.scheduleWithFixedDelay(this.runs::incrementAndGet,
				Duration.ofSeconds(1), Duration.ofSeconds(7));
		this.scheduler.runNext();
		assertThat(future.cancel(false)).isTrue();
		assertThat(future.isCancelled()).isTrue();
		assertThat(future.isDone()).isTrue();
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void cancelDuringARunSchedulesNoNextRun() {
		AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
		self.set(this.scheduler.scheduleWithFixedDelay(() -> {
			this.runs.incrementAndGet();
			self.get().cancel(false);
		}, Duration.ZERO, Duration.ofSeconds(7)));
		this.scheduler.runNext();
		assertThat(this.runs).hasValue(1);
		assertThat(this.scheduler.all()).hasSize(1);
	}

	@Test
	void cancelWhileTheNextRunIsBeingScheduledCancelsThatRun() {
		AtomicReference<ReschedulingTask> task = new AtomicReference<>();
		AtomicInteger schedules = new AtomicInteger();
		WorkerScheduler cancellingOnSecondSchedule = (run, delay) -> {
			ScheduledFuture<?> future = this.scheduler.schedule(run, delay);
			if (schedules.incrementAndGet() == 2) {
				task.get().cancel(false); // a cancel racing with the rescheduling
			}
			return future;
		};
		task.set(new ReschedulingTask(cancellingOnSecondSchedule, this.runs::incrementAndGet, Duration.ofSeconds(7)));
		task.get().start(Duration.ZERO);
		this.scheduler.runNext();
		assertThat(this.scheduler.all()).hasSize(2);
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void cancelledTaskThatRunsAnywayDoesNothing() {
		ReschedulingTask task = new ReschedulingTask(this.scheduler, this.runs::incrementAndGet, Duration.ofSeconds(7));
		task.cancel(false);
		task.run();
		assertThat(this.runs).hasValue(0);
		assertThat(this.scheduler.all()).isEmpty();
		assertThat(task.getDelay(TimeUnit.NANOSECONDS)).as("nothing scheduled").isZero();
	}

	@Test
	void ordersByDelayAndHasNoResult() {
		ScheduledFuture<?> soon = this.scheduler.scheduleWithFixedDelay(() -> {
		}, Duration.ofSeconds(1), Duration.ofSeconds(1));
		ScheduledFuture<?> later = this.scheduler.scheduleWithFixedDelay(() -> {
		}, Duration.ofSeconds(9), Duration.ofSeconds(1));
		assertThat(soon.compareTo(later)).isNegative();
		assertThat(later.compareTo(soon)).isPositive();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(soon::get);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> soon.get(1, TimeUnit.SECONDS));
	}

}
