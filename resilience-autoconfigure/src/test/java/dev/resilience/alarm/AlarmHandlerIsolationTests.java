package dev.resilience.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.RecordingAlarmHandler.Call;
import dev.resilience.alarm.RecordingAlarmObserver.HandlerFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link AlarmHandler handlers} are isolated from callers of {@link Alarms} and from
 * each other: called on threads of their own, in order, a throwing, hung or slow handler harming
 * only itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlarmHandlerIsolationTests {

	/** The acceptance bound on how long a hung handler may hold up another one. */
	private static final Duration ISOLATION_BOUND = Duration.ofMillis(100);

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final RecordingAlarmObserver observer = new RecordingAlarmObserver();

	private final CountDownLatch release = new CountDownLatch(1);

	private Alarms alarms;

	@AfterEach
	void closeAlarms() {
		this.release.countDown();
		if (this.alarms != null) {
			this.alarms.close();
		}
	}

	@Test
	void handlersAreCalledOffTheCallersThreadInOrder() {
		RecordingAlarmHandler first = new RecordingAlarmHandler("first");
		RecordingAlarmHandler second = new RecordingAlarmHandler("second");
		this.alarms = Alarms.builder().handler(first).handler(second).build();
		this.alarms.set("a", "A");
		this.alarms.set("b", Severity.MINOR, "B");
		this.alarms.clear("a");
		this.alarms.set("a", Severity.CRITICAL, "A again");
		this.alarms.clear("b");
		this.alarms.clear("a");
		List<String> expected = List.of("SET a", "SET b", "CLEARED a", "SET a", "CLEARED b", "CLEARED a");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(first.events()).isEqualTo(expected);
			assertThat(second.events()).isEqualTo(expected);
		});
		Thread caller = Thread.currentThread();
		List<Thread> firstThreads = first.calls().stream().map(Call::thread).distinct().toList();
		List<Thread> secondThreads = second.calls().stream().map(Call::thread).distinct().toList();
		assertThat(firstThreads).singleElement()
			.isNotSameAs(caller)
			.extracting(Thread::getName)
			.isEqualTo("resilience-alarm-handler-first");
		assertThat(secondThreads).singleElement()
			.isNotSameAs(caller)
			.extracting(Thread::getName)
			.isEqualTo("resilience-alarm-handler-second");
		assertThat(first.calls().get(3).alarm().severity()).isEqualTo(Severity.CRITICAL);
	}

	@Test
	void throwingHandlerIsLoggedCountedAndStillReceivesLaterTransitions(CapturedOutput output) {
		ThrowingHandler throwing = new ThrowingHandler("throwing", () -> new IllegalStateException("chat is down"));
		RecordingAlarmHandler healthy = new RecordingAlarmHandler("healthy");
		this.alarms = Alarms.builder().observer(this.observer).handler(throwing).handler(healthy).build();
		this.alarms.set("a", "A");
		this.alarms.clear("a");
		this.alarms.set("b", "B");
		List<String> expected = List.of("SET a", "CLEARED a", "SET b");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(throwing.events()).isEqualTo(expected);
			assertThat(healthy.events()).isEqualTo(expected);
			assertThat(this.observer.handlerFailures()).hasSize(3);
		});
		assertThat(this.observer.handlerFailures()).allSatisfy((failure) -> {
			assertThat(failure.handler()).isEqualTo("throwing");
			assertThat(failure.failure()).isInstanceOf(IllegalStateException.class).hasMessage("chat is down");
		});
		assertThat(this.alarms.isSet("b")).isTrue();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output).contains("Alarm handler 'throwing' failed on SET of alarm 'a'")
				.contains("Alarm handler 'throwing' failed on CLEARED of alarm 'a'")
				.contains("chat is down"));
	}

	@Test
	void handlerThrowingAnErrorIsCountedAndStillReceivesLaterTransitions() {
		ThrowingHandler throwing = new ThrowingHandler("throwingError", () -> new LinkageError("class went missing"));
		this.alarms = Alarms.builder().observer(this.observer).handler(throwing).build();
		this.alarms.set("a", "A");
		this.alarms.clear("a");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(throwing.events()).containsExactly("SET a", "CLEARED a");
			assertThat(this.observer.handlerFailures()).extracting(HandlerFailure::handler)
				.containsExactly("throwingError", "throwingError");
		});
	}

	@Test
	void hungHandlerDelaysNeitherAnotherHandlerNorTheCaller() throws Exception {
		HangingHandler hung = new HangingHandler("hung");
		RecordingAlarmHandler healthy = new RecordingAlarmHandler("healthy");
		this.alarms = Alarms.builder().observer(this.observer).handler(hung).handler(healthy).build();
		this.alarms.set("first", "the hung handler takes this one and never returns");
		await().atMost(WAIT).until(() -> hung.entered.size() == 1);
		List<Long> setNanos = new ArrayList<>();
		List<Long> deliveryNanos = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String id = "alarm-" + i;
			long before = System.nanoTime();
			this.alarms.set(id, Severity.MINOR, "while a handler hangs");
			setNanos.add(System.nanoTime() - before);
			await().atMost(WAIT).until(() -> lastCallOf(healthy, id) != null);
			deliveryNanos.add(lastCallOf(healthy, id).nanoTime() - before);
		}
		assertThat(hung.entered).containsExactly("first");
		assertThat(this.release.getCount()).as("the hung handler is still hung").isOne();
		assertThat(deliveryNanos).as("nanoseconds from set() to the healthy handler's onSet")
			.allSatisfy((nanos) -> assertThat(nanos).isLessThanOrEqualTo(ISOLATION_BOUND.toNanos()));
		assertThat(setNanos).as("nanoseconds set() took")
			.allSatisfy((nanos) -> assertThat(nanos).isLessThanOrEqualTo(ISOLATION_BOUND.toNanos()));
		assertThat(this.observer.handlerFailures()).isEmpty();
		this.release.countDown();
		await().atMost(WAIT).until(() -> hung.entered.size() == 21);
	}

	@Test
	void fullQueueDropsTransitionsForTheHungHandlerOnlyAndCountsThem() {
		HangingHandler hung = new HangingHandler("hungSmallQueue");
		RecordingAlarmHandler healthy = new RecordingAlarmHandler("healthy");
		this.alarms = Alarms.builder()
			.observer(this.observer)
			.handlerQueueCapacity(2)
			.handler(hung)
			.handler(healthy)
			.build();
		this.alarms.set("first", "taken by the hung handler");
		await().atMost(WAIT).until(() -> hung.entered.size() == 1);
		for (int i = 0; i < 20; i++) {
			long before = System.nanoTime();
			this.alarms.set("alarm-" + i, "queued or dropped for the hung handler");
			assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThanOrEqualTo(ISOLATION_BOUND);
			// the capacity is per handler: let the healthy one keep up, so only the hung one drops
			int delivered = i + 2;
			await().atMost(WAIT).until(() -> healthy.calls().size() == delivered);
		}
		assertThat(this.observer.handlerFailures()).hasSize(18).allSatisfy((failure) -> {
			assertThat(failure.handler()).isEqualTo("hungSmallQueue");
			assertThat(failure.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
		});
		this.release.countDown();
		await().atMost(WAIT).untilAsserted(() -> assertThat(hung.entered).containsExactly("first", "alarm-0", "alarm-1"));
		this.alarms.set("later", "room again");
		await().atMost(WAIT).untilAsserted(() -> assertThat(hung.entered).endsWith("later"));
		assertThat(this.observer.handlerFailures()).hasSize(18);
	}

	@Test
	void handlerPastTheTimeoutIsInterruptedCountedAndStillReceivesLaterTransitions() {
		BlockingQueue<Long> interruptedAtNanos = new LinkedBlockingQueue<>();
		RecordingAlarmHandler recording = new RecordingAlarmHandler("slow");
		AlarmHandler slow = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws Exception {
				recording.onSet(alarm);
				try {
					AlarmHandlerIsolationTests.this.release.await();
				}
				catch (InterruptedException ex) {
					interruptedAtNanos.add(System.nanoTime());
					Thread.currentThread().interrupt(); // as well-behaved code does
					throw ex;
				}
			}

			@Override
			public void onClear(Alarm alarm) throws Exception {
				if (Thread.currentThread().isInterrupted()) {
					throw new IllegalStateException("an interrupt meant for the timed-out call reached the next one");
				}
				recording.onClear(alarm);
			}

			@Override
			public String name() {
				return "slow";
			}

		};
		this.alarms = Alarms.builder().observer(this.observer).handlerTimeout(Duration.ofMillis(200)).handler(slow).build();
		long setAtNanos = System.nanoTime();
		this.alarms.set("a", "A");
		await().atMost(WAIT).until(() -> !interruptedAtNanos.isEmpty());
		assertThat(Duration.ofNanos(interruptedAtNanos.peek() - setAtNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.handlerFailures()).hasSize(1));
		assertThat(this.observer.handlerFailures().get(0).handler()).isEqualTo("slow");
		this.alarms.clear("a");
		await().atMost(WAIT).untilAsserted(() -> assertThat(recording.events()).containsExactly("SET a", "CLEARED a"));
		assertThat(this.observer.handlerFailures()).hasSize(1);
		assertThat(this.release.getCount()).isOne();
	}

	@Test
	void handlerThatIgnoresTheInterruptIsCountedWhenItTimesOut() {
		AtomicInteger interrupts = new AtomicInteger();
		RecordingAlarmHandler recording = new RecordingAlarmHandler("stubborn");
		AlarmHandler stubborn = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) throws Exception {
				recording.onSet(alarm);
				while (true) {
					try {
						AlarmHandlerIsolationTests.this.release.await();
						return;
					}
					catch (InterruptedException ex) {
						interrupts.incrementAndGet();
					}
				}
			}

			@Override
			public void onClear(Alarm alarm) throws Exception {
				recording.onClear(alarm);
			}

			@Override
			public String name() {
				return "stubborn";
			}

		};
		this.alarms = Alarms.builder()
			.observer(this.observer)
			.handlerTimeout(Duration.ofMillis(200))
			.handler(stubborn)
			.build();
		this.alarms.set("a", "A");
		await().atMost(WAIT).until(() -> interrupts.get() >= 1);
		// still hung, but past its timeout: that is a failure to count now, not never
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.observer.handlerFailures()).hasSize(1));
		assertThat(this.observer.handlerFailures().get(0).handler()).isEqualTo("stubborn");
		assertThat(recording.events()).containsExactly("SET a");
		this.release.countDown();
		this.alarms.clear("a");
		await().atMost(WAIT).untilAsserted(() -> assertThat(recording.events()).containsExactly("SET a", "CLEARED a"));
		assertThat(this.observer.handlerFailures()).hasSize(1);
	}

	private static Call lastCallOf(RecordingAlarmHandler handler, String id) {
		List<Call> calls = handler.calls();
		for (int i = calls.size() - 1; i >= 0; i--) {
			if (calls.get(i).alarm().id().equals(id)) {
				return calls.get(i);
			}
		}
		return null;
	}

	/**
	 * Records each call, then throws.
	 */
	private static final class ThrowingHandler extends RecordingAlarmHandler {

		private final java.util.function.Supplier<Throwable> failure;

		ThrowingHandler(String name, java.util.function.Supplier<Throwable> failure) {
			super(name);
			this.failure = failure;
		}

		@Override
		public void onSet(Alarm alarm) throws Exception {
			super.onSet(alarm);
			throwFailure();
		}

		@Override
		public void onClear(Alarm alarm) throws Exception {
			super.onClear(alarm);
			throwFailure();
		}

		private void throwFailure() throws Exception {
			Throwable thrown = this.failure.get();
			if (thrown instanceof Exception ex) {
				throw ex;
			}
			throw (Error) thrown;
		}

	}

	/**
	 * Hangs in every {@code onSet} until the test's latch is released, noting each alarm it
	 * entered with.
	 */
	private final class HangingHandler implements AlarmHandler {

		private final String name;

		private final BlockingQueue<String> entered = new LinkedBlockingQueue<>();

		HangingHandler(String name) {
			this.name = name;
		}

		@Override
		public void onSet(Alarm alarm) throws InterruptedException {
			this.entered.add(alarm.id());
			if (!AlarmHandlerIsolationTests.this.release.await(1, TimeUnit.HOURS)) {
				throw new IllegalStateException("never released");
			}
		}

		@Override
		public String name() {
			return this.name;
		}

	}

}
