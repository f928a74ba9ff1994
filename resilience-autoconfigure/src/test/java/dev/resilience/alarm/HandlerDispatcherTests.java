package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unit tests of {@link HandlerDispatcher}: the edges {@link Alarms} cannot reach on purpose.
 */
@ExtendWith(OutputCaptureExtension.class)
class HandlerDispatcherTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final CountDownLatch release = new CountDownLatch(1);

	private final ManualScheduler timer = new ManualScheduler();

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
		this.timer.next().run();
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> interrupted.get() == 0);
	}

	@Test
	void handlerThreadIsADaemonNamedAfterTheSimpleNameOfTheHandler() {
		this.dispatcher = new HandlerDispatcher(new NamedByItsClass(), 1, Duration.ofSeconds(30),
				Watchdog.on(this.timer), (name, failure) -> {
				});
		assertThat(thread("resilience-alarm-handler-HandlerDispatcherTests$NamedByItsClass").isDaemon()).isTrue();
	}

	@Test
	void handlerThatInterruptsItselfStillGetsTheNextTransitionAndItStartsUninterrupted() {
		List<String> calls = new CopyOnWriteArrayList<>();
		AlarmHandler handler = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) {
				calls.add(alarm.id() + (Thread.currentThread().isInterrupted() ? " interrupted" : ""));
				Thread.currentThread().interrupt(); // not the watchdog's interrupt: left for the thread
			}

			@Override
			public String name() {
				return "dispatcherSelfInterrupting";
			}

		};
		this.dispatcher = new HandlerDispatcher(handler, 10, Duration.ofSeconds(30), Watchdog.on(this.timer),
				(name, failure) -> {
				});
		this.dispatcher.offer(set("first"));
		this.dispatcher.offer(set("second"));
		await().atMost(WAIT).until(() -> calls.size() == 2);
		this.dispatcher.offer(set("third"));
		await().atMost(WAIT).until(() -> calls.size() == 3);
		assertThat(calls).containsExactly("first", "second", "third");
	}

	@Test
	void closeKeepsTheInterruptOfAnInterruptedCaller() {
		this.dispatcher = new HandlerDispatcher(new NamedByItsClass(), 1, Duration.ofSeconds(30),
				Watchdog.on(this.timer), (name, failure) -> {
				});
		Thread.currentThread().interrupt();
		this.dispatcher.close(Duration.ofSeconds(1));
		assertThat(Thread.interrupted()).isTrue();
	}

	@Test
	void fullQueueIsLoggedOnceUntilThereIsRoomAgain(CapturedOutput output) {
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
				return "dispatcherDropping";
			}

		};
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		this.dispatcher = new HandlerDispatcher(stuck, 1, Duration.ofSeconds(30), Watchdog.on(this.timer),
				(name, failure) -> failures.add(failure));
		this.dispatcher.offer(set("first"));
		await().atMost(WAIT).until(() -> entered.getCount() == 0);
		this.dispatcher.offer(set("second"));
		this.dispatcher.offer(set("third"));
		this.dispatcher.offer(set("fourth"));
		assertThat(failures).hasSize(2);
		assertThat(output).contains("transition of 'third' dropped").doesNotContain("transition of 'fourth' dropped");
	}

	static AlarmTransition set(String id) {
		Alarm alarm = new Alarm(id, Severity.MAJOR, "", Instant.EPOCH);
		return new AlarmTransition(AlarmTransition.Action.SET, alarm, Instant.EPOCH);
	}

	/** A handler with the default name, its class name. */
	private static final class NamedByItsClass implements AlarmHandler {

	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name) && thread.isAlive())
			.findFirst()
			.orElseThrow();
	}

}
