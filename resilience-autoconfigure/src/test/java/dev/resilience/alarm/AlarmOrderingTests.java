package dev.resilience.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.alarm.AlarmTransition.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads setting and clearing alarms at once: every handler sees the transitions of each
 * alarm in the order they happened, and none is lost.
 */
class AlarmOrderingTests {

	private static final int THREADS = 8;

	private static final int OPERATIONS = 100_000;

	private static final int PER_THREAD = OPERATIONS / THREADS;

	private final CountingObserver observer = new CountingObserver();

	private final SequenceHandler first = new SequenceHandler("first");

	private final SequenceHandler second = new SequenceHandler("second");

	private final Alarms alarms = Alarms.builder()
		.handlerQueueCapacity(200_000)
		.observer(this.observer)
		.handler(this.first)
		.handler(this.second)
		.build();

	private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		this.alarms.close();
	}

	@Test
	void threadsOnTheirOwnIdsEachSeeEveryTransitionInOrder() throws Exception {
		runOnAllThreads((thread) -> {
			for (int i = 0; i < PER_THREAD; i++) {
				// per id: set, clear, set, clear, ...
				String id = "thread-" + thread + "-" + ((i / 2) % 2);
				if (i % 2 == 0) {
					this.alarms.set(id, Severity.MINOR, "set " + i);
				}
				else {
					this.alarms.clear(id);
				}
			}
		});
		awaitDelivered(OPERATIONS);
		for (SequenceHandler handler : List.of(this.first, this.second)) {
			Map<String, List<Action>> sequences = handler.sequences();
			assertThat(sequences).hasSize(THREADS * 2);
			sequences.forEach((id, sequence) -> {
				assertThat(sequence).as(id).hasSize(PER_THREAD / 2);
				assertAlternatesFromSet(id, sequence);
				assertThat(sequence).as(id).filteredOn((action) -> action == Action.SET).hasSize(PER_THREAD / 4);
				assertThat(sequence).as(id).last().isEqualTo(Action.CLEARED);
			});
		}
		assertThat(this.alarms.active()).isEmpty();
		assertThat(this.observer.failures).hasValue(0);
	}

	@Test
	void threadsOnSharedIdsLoseNothingAndKeepEachIdsOrder() throws Exception {
		List<String> ids = List.of("shared-0", "shared-1", "shared-2");
		runOnAllThreads((thread) -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int i = 0; i < PER_THREAD; i++) {
				String id = ids.get(random.nextInt(ids.size()));
				if (random.nextBoolean()) {
					this.alarms.set(id, Severity.values()[random.nextInt(4)], "thread " + thread);
				}
				else {
					this.alarms.clear(id);
				}
			}
		});
		int transitions = this.observer.total();
		assertThat(transitions).isGreaterThan(0);
		awaitDelivered(transitions);
		for (SequenceHandler handler : List.of(this.first, this.second)) {
			Map<String, List<Action>> sequences = handler.sequences();
			assertThat(sequences.keySet()).isSubsetOf(ids);
			for (String id : ids) {
				List<Action> sequence = sequences.getOrDefault(id, List.of());
				assertThat(sequence).as("transitions of %s seen by %s", id, handler.name())
					.hasSize(this.observer.count(id));
				assertAlternatesFromSet(id, sequence);
				Action last = sequence.isEmpty() ? Action.CLEARED : sequence.get(sequence.size() - 1);
				assertThat(last == Action.SET).as("%s last seen as %s", id, last).isEqualTo(this.alarms.isSet(id));
			}
		}
		assertThat(this.second.sequences()).isEqualTo(this.first.sequences());
		assertThat(this.observer.failures).hasValue(0);
	}

	private void runOnAllThreads(ThreadBody body) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int thread = 0; thread < THREADS; thread++) {
			int number = thread;
			futures.add(this.threads.submit(() -> {
				start.await();
				body.run(number);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
	}

	private void awaitDelivered(int transitions) {
		await().atMost(Duration.ofSeconds(60)).until(() -> this.first.delivered.get() >= transitions
				&& this.second.delivered.get() >= transitions);
		assertThat(this.first.delivered).hasValue(transitions);
		assertThat(this.second.delivered).hasValue(transitions);
	}

	private static void assertAlternatesFromSet(String id, List<Action> sequence) {
		for (int i = 0; i < sequence.size(); i++) {
			Action expected = (i % 2 == 0) ? Action.SET : Action.CLEARED;
			if (sequence.get(i) != expected) {
				throw new AssertionError("transition " + i + " of " + id + " was " + sequence.get(i) + ", expected "
						+ expected + "; around it: "
						+ sequence.subList(Math.max(0, i - 3), Math.min(sequence.size(), i + 4)));
			}
		}
	}

	@FunctionalInterface
	private interface ThreadBody {

		void run(int thread);

	}

	/**
	 * Records, per alarm id, the actions it is called with. Called on its one delivery thread
	 * only; {@link #delivered} publishes what was recorded.
	 */
	private static final class SequenceHandler implements AlarmHandler {

		private final String name;

		private final Map<String, List<Action>> sequences = new HashMap<>();

		private final AtomicInteger delivered = new AtomicInteger();

		SequenceHandler(String name) {
			this.name = name;
		}

		@Override
		public void onSet(Alarm alarm) {
			record(alarm.id(), Action.SET);
		}

		@Override
		public void onClear(Alarm alarm) {
			record(alarm.id(), Action.CLEARED);
		}

		@Override
		public String name() {
			return this.name;
		}

		/** @return what was recorded; read only after {@link #delivered} reached the expected count */
		Map<String, List<Action>> sequences() {
			this.delivered.get();
			return this.sequences;
		}

		private void record(String id, Action action) {
			this.sequences.computeIfAbsent(id, (key) -> new ArrayList<>()).add(action);
			this.delivered.incrementAndGet();
		}

	}

	/**
	 * Counts transitions per alarm id and handler failures.
	 */
	private static final class CountingObserver implements AlarmObserver {

		private final Map<String, AtomicInteger> transitions = new ConcurrentHashMap<>();

		private final AtomicInteger failures = new AtomicInteger();

		@Override
		public void transition(AlarmTransition transition) {
			this.transitions.computeIfAbsent(transition.alarm().id(), (id) -> new AtomicInteger()).incrementAndGet();
		}

		@Override
		public void handlerFailed(String handler, Throwable failure) {
			this.failures.incrementAndGet();
		}

		int count(String id) {
			AtomicInteger count = this.transitions.get(id);
			return (count != null) ? count.get() : 0;
		}

		int total() {
			return this.transitions.values().stream().mapToInt(AtomicInteger::get).sum();
		}

	}

}
