package dev.resilience.worker;

import java.util.EnumSet;
import java.util.Set;

import dev.resilience.worker.IncarnationState.Event;
import dev.resilience.worker.IncarnationState.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transition table of a worker incarnation, one transition per row, and that every other
 * event leaves the state as it is.
 */
class IncarnationStateTests {

	@ParameterizedTest(name = "{0} --{1}--> {2}")
	@CsvSource(textBlock = """
			SCHEDULED, RUN_DUE,       RUNNING
			RUNNING,   RUN_COMPLETED, SCHEDULED
			RUNNING,   RUN_EXITED,    EXITED
			SCHEDULED, PAUSE,         PAUSED
			RUNNING,   PAUSE,         PAUSING
			PAUSED,    RESUME,        SCHEDULED
			PAUSING,   RESUME,        RUNNING
			PAUSING,   RUN_COMPLETED, PAUSED
			PAUSING,   RUN_EXITED,    EXITED
			SCHEDULED, PARK,          PARKED
			PARKED,    UNPARK,        SCHEDULED
			PARKED,    PAUSE,         PAUSED
			PARKED,    STOP,          STOPPED
			SCHEDULED, STOP,          STOPPED
			PAUSED,    STOP,          STOPPED
			RUNNING,   STOP,          STOPPING
			PAUSING,   STOP,          STOPPING
			STOPPING,  RUN_COMPLETED, STOPPED
			STOPPING,  RUN_EXITED,    STOPPED
			""")
	void transition(State from, Event event, State to) {
		assertThat(IncarnationState.next(from, event)).isEqualTo(to);
		IncarnationState state = new IncarnationState(from == State.PAUSED);
		if (from == State.SCHEDULED || from == State.PAUSED) {
			assertThat(state.transition(event)).isEqualTo(from);
			assertThat(state.get()).isEqualTo(to);
		}
	}

	@ParameterizedTest
	@EnumSource(Event.class)
	void everyOtherEventChangesNothing(Event event) {
		Set<State> changing = switch (event) {
			case RUN_DUE -> EnumSet.of(State.SCHEDULED);
			case RUN_COMPLETED, RUN_EXITED -> EnumSet.of(State.RUNNING, State.PAUSING, State.STOPPING);
			case PAUSE -> EnumSet.of(State.SCHEDULED, State.RUNNING, State.PARKED);
			case RESUME -> EnumSet.of(State.PAUSED, State.PAUSING);
			case PARK -> EnumSet.of(State.SCHEDULED);
			case UNPARK -> EnumSet.of(State.PARKED);
			case STOP -> EnumSet.of(State.SCHEDULED, State.PAUSED, State.RUNNING, State.PAUSING, State.PARKED);
		};
		for (State from : EnumSet.complementOf(EnumSet.copyOf(changing))) {
			assertThat(IncarnationState.next(from, event)).as("%s on %s", event, from).isEqualTo(from);
		}
	}

	@ParameterizedTest
	@EnumSource(value = State.class, names = { "STOPPED", "EXITED" })
	void endStatesAreFinal(State end) {
		for (Event event : Event.values()) {
			assertThat(IncarnationState.next(end, event)).isEqualTo(end);
		}
	}

	@org.junit.jupiter.api.Test
	void anIncarnationOfAPausedWorkerStartsPaused() {
		assertThat(new IncarnationState(true).get()).isEqualTo(State.PAUSED);
		assertThat(new IncarnationState(false).get()).isEqualTo(State.SCHEDULED);
	}

}
