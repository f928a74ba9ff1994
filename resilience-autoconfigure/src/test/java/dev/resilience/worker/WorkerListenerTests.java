package dev.resilience.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WorkerListener#composite}: every call reaches every listener in order, one that throws
 * harms none of the others, and no listener at all is {@link WorkerListener#NONE}.
 */
class WorkerListenerTests {

	private final List<String> heard = new CopyOnWriteArrayList<>();

	@Test
	void compositeCallsEveryListenerInOrderPastOneThatThrows() {
		WorkerListener composite = WorkerListener
			.composite(List.of(recording("first"), throwing(), WorkerListener.NONE, recording("second")));
		composite.runFinished("w", RunOutcome.FAILURE, Duration.ZERO, new IllegalStateException("boom"));
		composite.parked("w", List.of("db"));
		composite.unparked("w");
		assertThat(this.heard).containsExactly("first run w failure", "second run w failure", "first parked w [db]",
				"second parked w [db]", "first unparked w", "second unparked w");
	}

	@Test
	void noListenerIsNone() {
		assertThat(WorkerListener.composite(List.of())).isSameAs(WorkerListener.NONE);
		assertThat(WorkerListener.composite(List.of(WorkerListener.NONE))).isSameAs(WorkerListener.NONE);
		assertThat(WorkerListener.composite(List.of(recording("one")))).isNotSameAs(WorkerListener.NONE);
	}

	@Test
	void aSingleListenerIsIsolatedOnceAndAnIsolatedOneIsNotWrappedAgain() {
		WorkerListener single = WorkerListener.composite(List.of(throwing()));
		single.runFinished("w", RunOutcome.SUCCESS, Duration.ZERO, null);
		assertThat(WorkerListener.composite(List.of(single))).isSameAs(single);
		WorkerListener both = WorkerListener.composite(List.of(recording("first"), recording("second")));
		WorkerListener again = WorkerListener.composite(List.of(both));
		assertThat(again).isSameAs(both);
		again.unparked("w");
		assertThat(this.heard).containsExactly("first unparked w", "second unparked w");
	}

	private WorkerListener recording(String name) {
		return new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				WorkerListenerTests.this.heard.add(name + " run " + worker + " " + outcome.tagValue());
			}

			@Override
			public void parked(String worker, List<String> waitingFor) {
				WorkerListenerTests.this.heard.add(name + " parked " + worker + " " + waitingFor);
			}

			@Override
			public void unparked(String worker) {
				WorkerListenerTests.this.heard.add(name + " unparked " + worker);
			}

		};
	}

	private static WorkerListener throwing() {
		return new WorkerListener() {

			@Override
			public void runFinished(String worker, RunOutcome outcome, Duration duration, Throwable failure) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void parked(String worker, List<String> waitingFor) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void unparked(String worker) {
				throw new IllegalStateException("listener bug");
			}

		};
	}

}
