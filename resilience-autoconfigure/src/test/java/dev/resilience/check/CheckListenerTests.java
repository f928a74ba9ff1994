package dev.resilience.check;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CheckListener#composite(List)}: every listener is called, in order, one that
 * throws is logged once and stops neither the next one nor the caller.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckListenerTests {

	private static final String LOGGED_ONCE = "later failures of this check listener are logged at DEBUG";

	@Test
	void compositeCallsTheNextListenerWhenOneThrowsAndLogsTheFailureOnce(CapturedOutput output) {
		RecordingListener first = new RecordingListener();
		RecordingListener last = new RecordingListener();
		CheckListener composite = CheckListener.composite(List.of(first, new ThrowingListener(), last));
		composite.checked("db", false, Duration.ofMillis(7));
		composite.stateChanged("db", CheckState.DEGRADED, CheckState.CONNECTED, "3 checks in a row passed");
		composite.checked("db", true, Duration.ofMillis(2));
		List<String> expected = List.of("checked db false PT0.007S",
				"stateChanged db DEGRADED->CONNECTED 3 checks in a row passed", "checked db true PT0.002S");
		assertThat(first.calls).isEqualTo(expected);
		assertThat(last.calls).isEqualTo(expected);
		assertThat(output.toString().split(LOGGED_ONCE, -1)).as("WARN lines").hasSize(2);
		assertThat(output).contains(ThrowingListener.class.getName()).contains("listener down");
	}

	@Test
	void compositeOfNoListenersDoesNothing() {
		CheckListener composite = CheckListener.composite(List.of());
		composite.checked("db", true, Duration.ZERO);
		composite.stateChanged("db", CheckState.CONNECTED, CheckState.DEGRADED, "failed");
	}

	private static final class RecordingListener implements CheckListener {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public void checked(String check, boolean passed, Duration duration) {
			this.calls.add("checked " + check + " " + passed + " " + duration);
		}

		@Override
		public void stateChanged(String check, CheckState from, CheckState to, String reason) {
			this.calls.add("stateChanged " + check + " " + from + "->" + to + " " + reason);
		}

	}

	private static final class ThrowingListener implements CheckListener {

		@Override
		public void checked(String check, boolean passed, Duration duration) {
			throw new IllegalStateException("listener down");
		}

		@Override
		public void stateChanged(String check, CheckState from, CheckState to, String reason) {
			throw new IllegalStateException("listener down");
		}

	}

}
