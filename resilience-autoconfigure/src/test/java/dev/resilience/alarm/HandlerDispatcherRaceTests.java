package dev.resilience.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The late-interrupt race on the alarm handler path of {@link HandlerDispatcher}.
 */
class HandlerDispatcherRaceTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final ManualScheduler timer = new ManualScheduler();

	private HandlerDispatcher dispatcher;

	@AfterEach
	void stop() {
		if (this.dispatcher != null) {
			this.dispatcher.close(Duration.ofSeconds(1));
		}
		this.timer.shutdownNow();
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
		Thread racer = this.timer.racer(rounds, returning, racerFailure);
		try (QuietLogs quiet = QuietLogs.of(HandlerDispatcher.class)) {
			racer.start();
			for (int i = 0; i < rounds; i++) {
				this.dispatcher.offer(HandlerDispatcherTests.set("race-" + i));
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

}
