package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.resilience.runtime.Watchdog;
import dev.resilience.testsupport.ManualScheduler;
import dev.resilience.testsupport.QuietLogs;
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

	/**
	 * The late-interrupt race on the handler path: each call's timeout fires, from a second
	 * thread, exactly as the call returns. Whoever wins, the next call on the dispatcher's thread
	 * is never interrupted, and a call that timed out is counted once, as a timeout, even when it
	 * then throws because it was interrupted.
	 */
	@Test
	void timeoutFiringAsTheCallEndsNeverReachesTheNextCallNorCountsTwice() throws Exception {
		int rounds = 5_000;
		CyclicBarrier returning = new CyclicBarrier(2);
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger interruptedOnEntry = new AtomicInteger();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		AlarmHandler handler = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws Exception {
				if (Thread.interrupted()) {
					interruptedOnEntry.incrementAndGet();
				}
				calls.incrementAndGet();
				returning.await(WAIT.toSeconds(), TimeUnit.SECONDS);
				if (Thread.interrupted()) {
					throw new InterruptedException(); // as code that checks for interruption does
				}
			}

			@Override
			public String name() {
				return "dispatcherRace";
			}

		};
		this.dispatcher = new HandlerDispatcher(handler, rounds, Duration.ofSeconds(30), Watchdog.on(this.timer),
				(name, failure) -> failures.add(failure));
		AtomicReference<Throwable> racerFailure = new AtomicReference<>();
		Thread racer = new Thread(() -> {
			try {
				for (int i = 0; i < rounds; i++) {
					ManualScheduler.Task timeout = this.timer.next();
					returning.await(WAIT.toSeconds(), TimeUnit.SECONDS);
					timeout.run();
				}
			}
			catch (InterruptedException | BrokenBarrierException | TimeoutException | AssertionError ex) {
				racerFailure.set(ex);
			}
		});
		try (QuietLogs quiet = QuietLogs.of(HandlerDispatcher.class)) {
			racer.start();
			for (int i = 0; i < rounds; i++) {
				this.dispatcher.offer(set("race-" + i));
			}
			racer.join(Duration.ofSeconds(60).toMillis());
			await().atMost(WAIT).until(() -> calls.get() == rounds);
		}
		assertThat(racerFailure.get()).isNull();
		assertThat(interruptedOnEntry).as("calls that started interrupted").hasValue(0);
		assertThat(failures).allSatisfy((failure) -> assertThat(failure).isInstanceOf(TimeoutException.class)
			.hasMessageContaining("ran longer than"));
		Set<String> timedOut = failures.stream()
			.map((failure) -> failure.getMessage().replaceAll(".*alarm '(race-\\d+)'.*", "$1"))
			.collect(Collectors.toSet());
		assertThat(timedOut).as("calls counted as timed out").hasSameSizeAs(failures);
		assertThat(failures).as("timeouts that won the race (about 2 in 5 do)").isNotEmpty();
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

}
