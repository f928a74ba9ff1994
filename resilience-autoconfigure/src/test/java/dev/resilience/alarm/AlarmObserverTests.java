package dev.resilience.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link AlarmObserver observers} are isolated: one that throws is logged once and
 * keeps neither the next observer nor the caller from going on.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlarmObserverTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final String LOGGED_ONCE = "later failures of this alarm observer are logged at DEBUG";

	private final RecordingAlarmObserver first = new RecordingAlarmObserver();

	private final RecordingAlarmObserver last = new RecordingAlarmObserver();

	@Test
	void compositeCallsTheNextObserverWhenOneThrowsAndLogsTheFailureOnce(CapturedOutput output) {
		AlarmObserver composite = AlarmObserver.composite(List.of(this.first, new ThrowingObserver(), this.last));
		AlarmTransition set = new AlarmTransition(AlarmTransition.Action.SET,
				new Alarm("a", Severity.MINOR, "A", Instant.EPOCH), Instant.EPOCH);
		IllegalStateException failure = new IllegalStateException("handler down");
		composite.transition(set);
		composite.handlerFailed("chat", failure);
		composite.remedyRun("a", RemedyOutcome.COMPLETED, Duration.ofMillis(3));
		composite.severityChanged(new Alarm("a", Severity.MAJOR, "A", Instant.EPOCH), Severity.MINOR);
		composite.transition(set);
		for (RecordingAlarmObserver observer : List.of(this.first, this.last)) {
			assertThat(observer.transitions()).containsExactly(set, set);
			assertThat(observer.handlerFailures()).containsExactly(new RecordingAlarmObserver.HandlerFailure("chat", failure));
			assertThat(observer.remedyRuns())
				.containsExactly(new RecordingAlarmObserver.RemedyRun("a", RemedyOutcome.COMPLETED, Duration.ofMillis(3)));
			assertThat(observer.severityChanges()).containsExactly("a MINOR->MAJOR");
		}
		assertThat(output.toString().split(LOGGED_ONCE, -1)).as("WARN lines").hasSize(2);
		assertThat(output).contains(ThrowingObserver.class.getName()).contains("observer down");
	}

	@Test
	void alarmsGoOnAndLaterObserversHearEverythingWhenAnObserverThrows() {
		AlarmHandler throwingHandler = new AlarmHandler() {

			@Override
			public void onSet(Alarm alarm) {
				throw new IllegalStateException("handler down");
			}

			@Override
			public String name() {
				return "observerTestsThrowing";
			}

		};
		ControlledRemedy remedy = new ControlledRemedy();
		remedy.permits.release(1000);
		try (Alarms alarms = Alarms.builder()
			.observer(AlarmObserver.composite(List.of(new ThrowingObserver(), this.last)))
			.handler(throwingHandler)
			.build()) {
			alarms.addRemedy("a", remedy, WAIT, null);
			alarms.set("a", "A");
			alarms.clear("a");
			assertThat(alarms.history()).hasSize(2);
			assertThat(this.last.transitions()).extracting(AlarmTransition::action)
				.containsExactly(AlarmTransition.Action.SET, AlarmTransition.Action.CLEARED);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(this.last.handlerFailures()).extracting(RecordingAlarmObserver.HandlerFailure::handler)
					.containsExactly("observerTestsThrowing");
				assertThat(this.last.remedyOutcomes()).containsExactly(RemedyOutcome.COMPLETED);
			});
		}
	}

	@Test
	void aThrowingObserverOnItsOwnNeverReachesTheCaller() {
		try (Alarms alarms = Alarms.builder().observer(new ThrowingObserver()).build()) {
			alarms.set("a", "A");
			alarms.clear("a");
			alarms.set("b", "B");
			assertThat(alarms.active()).extracting(Alarm::id).containsExactly("b");
			assertThat(alarms.history()).hasSize(3);
		}
	}

	/**
	 * Throws from every call.
	 */
	static final class ThrowingObserver implements AlarmObserver {

		@Override
		public void transition(AlarmTransition transition) {
			throw new IllegalStateException("observer down");
		}

		@Override
		public void handlerFailed(String handler, Throwable failure) {
			throw new IllegalStateException("observer down");
		}

		@Override
		public void remedyRun(String alarm, RemedyOutcome outcome, Duration duration) {
			throw new IllegalStateException("observer down");
		}

	}

}
