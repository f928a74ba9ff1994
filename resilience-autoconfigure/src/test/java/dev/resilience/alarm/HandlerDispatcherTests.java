package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unit tests of {@link HandlerDispatcher}: the edges {@link Alarms} cannot reach on purpose.
 */
class HandlerDispatcherTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final CountDownLatch release = new CountDownLatch(1);

	private final ManualTimer timer = new ManualTimer();

	private HandlerDispatcher dispatcher;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.dispatcher != null) {
			this.dispatcher.close(Duration.ofSeconds(1));
		}
		this.timer.shutdownNow();
	}

	@Test
	void closeStopsTheThreadEvenWhenTheQueueIsTooFullForTheStopSignal() {
		CountDownLatch entered = new CountDownLatch(1);
		AlarmHandler stuck = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws InterruptedException {
				if (alarm.id().equals("first")) {
					entered.countDown();
					HandlerDispatcherTests.this.release.await();
				}
			}

			@Override
			public String name() {
				return "dispatcherFullQueue";
			}

		};
		this.dispatcher = new HandlerDispatcher(stuck, 1, Duration.ofSeconds(30), Watchdog.on(this.timer), (name, failure) -> {
		});
		Thread thread = thread("resilience-alarm-handler-dispatcherFullQueue");
		this.dispatcher.offer(set("first"));
		await().atMost(WAIT).until(() -> entered.getCount() == 0);
		this.dispatcher.offer(set("second"));
		this.dispatcher.close(Duration.ofMillis(200));
		await().atMost(WAIT).until(() -> !thread.isAlive());
	}

	@Test
	void watchdogOfAnEndedCallDoesNotInterruptTheNextCall() throws Exception {
		CountDownLatch secondEntered = new CountDownLatch(1);
		AtomicInteger interrupted = new AtomicInteger();
		AlarmHandler handler = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws InterruptedException {
				if (alarm.id().equals("second")) {
					secondEntered.countDown();
					try {
						HandlerDispatcherTests.this.release.await();
					}
					catch (InterruptedException ex) {
						interrupted.incrementAndGet();
						throw ex;
					}
				}
			}

			@Override
			public String name() {
				return "dispatcherWatchdog";
			}

		};
		this.dispatcher = new HandlerDispatcher(handler, 10, Duration.ofSeconds(30), Watchdog.on(this.timer), (name, failure) -> {
		});
		this.dispatcher.offer(set("first"));
		this.dispatcher.offer(set("second"));
		await().atMost(WAIT).until(() -> secondEntered.getCount() == 0);
		// the first call's watchdog had already started when the call ended, too late to cancel:
		// it fires now, while the second call runs
		Runnable firstWatchdog = this.timer.scheduled.take();
		firstWatchdog.run();
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> interrupted.get() == 0);
	}

	private static AlarmTransition set(String id) {
		Alarm alarm = new Alarm(id, Severity.MAJOR, "", Instant.EPOCH);
		return new AlarmTransition(AlarmTransition.Action.SET, alarm, Instant.EPOCH);
	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name) && thread.isAlive())
			.findFirst()
			.orElseThrow();
	}

	/**
	 * A timer whose tasks run only when the test runs them, and whose futures cannot be
	 * cancelled: as a task that has already started.
	 */
	private static final class ManualTimer extends ScheduledThreadPoolExecutor {

		private final BlockingQueue<Runnable> scheduled = new LinkedBlockingQueue<>();

		ManualTimer() {
			super(1);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			this.scheduled.add(command);
			return new StartedFuture();
		}

	}

	private static final class StartedFuture implements ScheduledFuture<Object> {

		@Override
		public long getDelay(TimeUnit unit) {
			return 0;
		}

		@Override
		public int compareTo(Delayed other) {
			return 0;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return false;
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public boolean isDone() {
			return false;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException();
		}

	}

}
