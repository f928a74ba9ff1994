package dev.resilience.autoconfigure.settings;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nearest known key to a mistyped one, and the bracketed form of a map key that lost
 * characters.
 */
class SuggestionsTests {

	private static final List<String> WORKER_KEYS = List.of("alarm-after-failures", "alarm-severity",
			"cluster-singleton", "enabled", "initial-delay", "interval", "max-restarts", "period", "shutdown-timeout",
			"timeout");

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			intervall            | interval
			intreval             | interval
			timout               | timeout
			max-restart          | max-restarts
			maxRestart           | max-restarts
			max_restarts         | max-restarts
			MAX-RESTARTS         | max-restarts
			initialDelay         | initial-delay
			shutdown-timout      | shutdown-timeout
			alarm-after-failure  | alarm-after-failures
			enable               | enabled
			""")
	void suggestsTheNearestKey(String given, String expected) {
		assertThat(Suggestions.nearest(given, WORKER_KEYS)).contains(expected);
	}

	@Test
	void countsASwapOfNeighboursAsOneEdit() {
		assertThat(Suggestions.distance("workres", "workers")).isEqualTo(1);
		assertThat(Suggestions.nearest("workres", List.of("alarms", "checks", "enabled", "scheduler", "supervisor",
				"workers"))).contains("workers");
	}

	@Test
	void suggestsNothingWhenNoKeyIsClose() {
		assertThat(Suggestions.nearest("colour", WORKER_KEYS)).isEmpty();
		assertThat(Suggestions.nearest("x", WORKER_KEYS)).isEmpty();
		assertThat(Suggestions.nearest("ab", List.of("xy"))).isEmpty();
		assertThat(Suggestions.nearest("--", WORKER_KEYS)).isEmpty();
		assertThat(Suggestions.nearest("interval", List.of())).isEmpty();
	}

	@Test
	void allowsMoreEditsForLongerKeys() {
		assertThat(Suggestions.nearest("handler-queue-capasity", List.of("handler-queue-capacity"))).isPresent();
		assertThat(Suggestions.nearest("handlr-qeue-capasity", List.of("handler-queue-capacity"))).isPresent();
		assertThat(Suggestions.nearest("perod", List.of("period"))).isPresent();
		assertThat(Suggestions.nearest("prd", List.of("period"))).isEmpty();
	}

	@Test
	void breaksTiesByLengthThenAlphabetically() {
		assertThat(Suggestions.nearest("abcd", List.of("abcx", "abcde"))).contains("abcx");
		assertThat(Suggestions.nearest("abcd", List.of("abcy", "abcx"))).contains("abcx");
		assertThat(Suggestions.nearest("abcd", List.of("abcx", "abcy"))).contains("abcx");
	}

	@Test
	void suggestsTheNameOfAMapKeyThatLostCharactersInBrackets() {
		assertThat(Suggestions.nearest("myworker", List.of("payments", "my worker"))).contains("my worker");
		assertThat(Suggestions.nearest("MyWorker", List.of("my worker"))).contains("my worker");
		assertThat(PropertyKeys.mapKey("resilience.workers", "my worker")).isEqualTo("resilience.workers[my worker]");
		assertThat(PropertyKeys.mapKey("resilience.workers", "legacyJobs.syncInventory"))
			.isEqualTo("resilience.workers[legacyJobs.syncInventory]");
	}

	@Test
	void writesAPlainMapKeyWithoutBrackets() {
		assertThat(PropertyKeys.mapKey("resilience.workers", "payments")).isEqualTo("resilience.workers.payments");
		assertThat(PropertyKeys.mapKey("resilience.workers", "legacyJobs")).isEqualTo("resilience.workers.legacyJobs");
		assertThat(Suggestions.nearest("myworker", List.of("my other worker"))).isEmpty();
	}

}
