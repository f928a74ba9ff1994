package dev.resilience.worker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.testsupport.LogCapture;
import dev.resilience.testsupport.LogCapture.Line;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests of {@link CrashLog} on a test clock: which crashes log a stack trace, when the
 * repeats are summed up, when a recovery is logged.
 */
class CrashLogTests {

	private static final String BAD_PAYMENT = "Invalid payment for job 88";

	private final TestClock clock = new TestClock();

	private final StreakedCrashLog log = new StreakedCrashLog("payments", 3, Duration.ofMinutes(1), this.clock);

	private final LogCapture logs = LogCapture.of(CrashLog.class);

	@AfterEach
	void detach() {
		this.logs.close();
	}

	@Test
	void firstCrashLogsItsStackTraceAtError() {
		assertThat(this.log.crashed(new IllegalStateException(BAD_PAYMENT))).isFalse();
		assertThat(this.logs.lines()).containsExactly(new Line("ERROR", "Worker 'payments' crashed", true));
	}

	@Test
	void theSameCrashAgainIsCountedNotLoggedWithinTheInterval() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		for (int i = 0; i < 598; i++) {
			this.clock.advance(Duration.ofMillis(100));
			assertThat(this.log.crashed(new IllegalStateException(BAD_PAYMENT))).isTrue();
		}
		assertThat(this.logs.lines()).hasSize(1);
	}

	@Test
	void theFirstSameCrashOneIntervalAfterTheLastLineWritesOneSummary() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		for (int i = 0; i < 597; i++) {
			this.clock.advance(Duration.ofMillis(100));
			this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		}
		this.clock.advance(Duration.ofMillis(300)); // 60 s after the stack trace
		assertThat(this.log.crashed(new IllegalStateException(BAD_PAYMENT))).isTrue();
		for (int i = 0; i < 599; i++) { // the next minute, short of its end
			this.clock.advance(Duration.ofMillis(100));
			this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		}
		assertThat(this.logs.lines()).containsExactly(new Line("ERROR", "Worker 'payments' crashed", true),
				new Line("ERROR", "Worker 'payments' crashed 598 more times in 1m, same as before: "
						+ "IllegalStateException: " + BAD_PAYMENT, false));
		this.clock.advance(Duration.ofMillis(100));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		assertThat(this.logs.lines()).hasSize(3)
			.last()
			.isEqualTo(new Line("ERROR", "Worker 'payments' crashed 600 more times in 1m, same as before: "
					+ "IllegalStateException: " + BAD_PAYMENT, false));
	}

	@Test
	void lonelyFailuresBetweenGoodRunsAreSummedUpByTheFirstRunAfterTheInterval() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		for (int i = 0; i < 19; i++) { // fails every third run, 1 s apart
			this.clock.advance(Duration.ofSeconds(1));
			this.log.succeeded();
			this.clock.advance(Duration.ofSeconds(1));
			this.log.succeeded();
			this.clock.advance(Duration.ofSeconds(1));
			this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		}
		assertThat(this.logs.lines()).hasSize(1); // 57 s: no recovery line, no summary yet
		this.clock.advance(Duration.ofSeconds(3));
		this.log.succeeded();
		this.log.succeeded();
		assertThat(this.logs.lines()).containsExactly(new Line("ERROR", "Worker 'payments' crashed", true),
				new Line("ERROR", "Worker 'payments' crashed 19 more times in 1m, same as before: "
						+ "IllegalStateException: " + BAD_PAYMENT, false));
	}

	@Test
	void aGoodRunWithNothingPendingReadsNoClockAndLogsNothing() {
		AtomicInteger reads = new AtomicInteger();
		StreakedCrashLog counting = new StreakedCrashLog("payments", 3, Duration.ofMinutes(1), new CountingClock(this.clock, reads));
		counting.succeeded();
		counting.crashed(new IllegalStateException(BAD_PAYMENT));
		counting.succeeded(); // ends a streak of one: a read, no line
		reads.set(0);
		counting.succeeded();
		counting.succeeded();
		assertThat(reads).hasValue(0);
		assertThat(this.logs.lines()).hasSize(1);
	}

	@Test
	void aDifferentExceptionLogsItsStackTraceAfterTheCountOfTheLastOne() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.clock.advance(Duration.ofSeconds(1));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.clock.advance(Duration.ofSeconds(1));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.log.crashed(new IllegalArgumentException(BAD_PAYMENT))).isFalse();
		assertThat(this.logs.lines()).containsExactly(new Line("ERROR", "Worker 'payments' crashed", true),
				new Line("ERROR", "Worker 'payments' crashed 2 more times in 3s, same as before: "
						+ "IllegalStateException: " + BAD_PAYMENT, false),
				new Line("ERROR", "Worker 'payments' crashed", true));
	}

	@Test
	void anotherMessageIsAnotherFailure() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.clock.advance(Duration.ofSeconds(1));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		assertThat(this.log.crashed(new IllegalStateException("Invalid refund for job 88"))).isFalse();
		assertThat(this.log.crashed(new IllegalStateException(BAD_PAYMENT))).isFalse();
		assertThat(this.log.crashed(new IllegalStateException(BAD_PAYMENT))).isTrue();
		assertThat(this.logs.lines()).extracting(Line::message)
			.containsExactly("Worker 'payments' crashed", "Worker 'payments' crashed 1 more time in 1s, same as "
					+ "before: IllegalStateException: " + BAD_PAYMENT, "Worker 'payments' crashed",
					"Worker 'payments' crashed");
	}

	@Test
	void numbersInTheMessageDoNotMakeAnotherFailureAndTheSummaryShowsTheLatest() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		assertThat(this.log.crashed(new IllegalStateException("Invalid payment for job 89"))).isTrue();
		assertThat(this.log.crashed(new IllegalStateException("Invalid payment for job 1234"))).isTrue();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.log.crashed(new IllegalStateException("Invalid payment for job 7"))).isTrue();
		assertThat(this.log.crashed(new IllegalStateException("Invalid payment for job 7 of 9"))).isFalse();
		assertThat(this.logs.lines()).extracting(Line::message)
			.containsExactly("Worker 'payments' crashed", "Worker 'payments' crashed 3 more times in 1m, same as "
					+ "before: IllegalStateException: Invalid payment for job 7", "Worker 'payments' crashed");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			job 88          | job 89        | true
			job 88          | job 1234      | true
			88 jobs         | 9 jobs        | true
			job 88          | job 88 late   | false
			job 88          | jobs 88       | false
			job 88          | job           | false
			job             | job 88        | false
			took 1.5s       | took 20.25s   | true
			job 8a          | job 8b        | false
			job 88          | job x         | false
			""")
	void messagesAreTheSameButForTheirNumbers(String a, String b, boolean same) {
		assertThat(CrashLog.sameButForNumbers(a, b)).isEqualTo(same);
		assertThat(CrashLog.sameButForNumbers(b, a)).isEqualTo(same);
	}

	@Test
	void aMissingMessageIsAMessageOfItsOwn() {
		this.log.crashed(new IllegalStateException());
		assertThat(this.log.crashed(new IllegalStateException())).isTrue();
		assertThat(this.log.crashed(new IllegalStateException(""))).isFalse();
		this.log.crashed(new IllegalStateException());
		assertThat(this.logs.lines()).extracting(Line::message)
			.contains("Worker 'payments' crashed 1 more time in 0ms, same as before: IllegalStateException");
	}

	@Test
	void firstGoodRunAfterAStreakOfAlarmAfterFailuresLogsTheRecovery() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.clock.advance(Duration.ofSeconds(70));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT)); // a summary: the minute has passed
		this.clock.advance(Duration.ofSeconds(63));
		this.log.crashed(new IOException("disk full")); // counts toward the streak too
		this.clock.advance(Duration.ofSeconds(1));
		this.log.succeeded();
		this.clock.advance(Duration.ofSeconds(1));
		this.log.succeeded();
		assertThat(this.logs.lines()).hasSize(4)
			.last()
			.isEqualTo(new Line("INFO", "Worker 'payments' recovered after 3 crashes in 2m 14s", false));
	}

	@Test
	void theRecoveryLineCarriesTheCountNotWrittenYet() {
		for (int i = 0; i < 57; i++) {
			this.log.crashed(new IllegalStateException(BAD_PAYMENT));
			this.clock.advance(Duration.ofMillis(500));
		}
		this.log.succeeded();
		this.clock.advance(Duration.ofMinutes(2));
		this.log.succeeded();
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		assertThat(this.logs.lines()).containsExactly(new Line("ERROR", "Worker 'payments' crashed", true),
				new Line("INFO", "Worker 'payments' recovered after 57 crashes in 28s (56 more since the last line, "
						+ "same as before: IllegalStateException: " + BAD_PAYMENT + ")", false),
				new Line("ERROR", "Worker 'payments' crashed 1 more time in 2m, same as before: "
						+ "IllegalStateException: " + BAD_PAYMENT, false));
	}

	@Test
	void aStreakShorterThanAlarmAfterFailuresEndsWithoutARecoveryLine() {
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.log.succeeded();
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.log.crashed(new IllegalStateException(BAD_PAYMENT));
		this.log.succeeded();
		assertThat(this.logs.lines()).hasSize(1);
	}

	@Test
	void theStreakForARecoveryIsTheWorkersAlarmAfterFailures() {
		StreakedCrashLog afterOne = new StreakedCrashLog("jobs", 1, Duration.ofMinutes(1), this.clock);
		afterOne.crashed(new IllegalStateException(BAD_PAYMENT));
		this.clock.advance(Duration.ofMillis(250));
		afterOne.succeeded();
		assertThat(this.logs.lines()).last()
			.isEqualTo(new Line("INFO", "Worker 'jobs' recovered after 1 crash in 250ms", false));
	}

	@Test
	void aCrashThatIsTheFirstOfItsStreakStartsTheStreaksTimeAgain() {
		CrashLog direct = new CrashLog("payments", 2, Duration.ofMinutes(1), this.clock);
		direct.crashed(new IllegalStateException(BAD_PAYMENT), 1);
		this.clock.advance(Duration.ofMinutes(10));
		direct.crashed(new IOException("disk full"), 1); // a good run this log did not hear of came between
		this.clock.advance(Duration.ofSeconds(5));
		direct.crashed(new IOException("disk full"), 2);
		this.clock.advance(Duration.ofSeconds(1));
		direct.succeeded(2);
		assertThat(this.logs.lines()).last()
			.isEqualTo(new Line("INFO", "Worker 'payments' recovered after 2 crashes in 6s (1 more since the last "
					+ "line, same as before: IOException: disk full)", false));
	}

	@Test
	void theDefaultsAreOneMinuteAndThreeCrashes() {
		StreakedCrashLog defaults = new StreakedCrashLog(CrashLog.withDefaults("payments", this.clock));
		defaults.crashed(new IllegalStateException(BAD_PAYMENT));
		defaults.crashed(new IllegalStateException(BAD_PAYMENT));
		defaults.succeeded();
		this.clock.advance(Duration.ofSeconds(59));
		defaults.crashed(new IllegalStateException(BAD_PAYMENT));
		defaults.crashed(new IllegalStateException(BAD_PAYMENT));
		defaults.crashed(new IllegalStateException(BAD_PAYMENT));
		assertThat(this.logs.lines()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(1));
		defaults.succeeded();
		assertThat(this.logs.lines()).extracting(Line::message)
			.containsExactly("Worker 'payments' crashed", "Worker 'payments' recovered after 3 crashes in 1s "
					+ "(4 more since the last line, same as before: IllegalStateException: " + BAD_PAYMENT + ")");
	}

	@Test
	void anAnonymousExceptionIsNamedByItsClassName() {
		RuntimeException anonymous = new RuntimeException("odd") {
		};
		this.log.crashed(anonymous);
		this.log.crashed(anonymous);
		this.clock.advance(Duration.ofMinutes(1));
		this.log.succeeded();
		assertThat(this.logs.lines()).last()
			.extracting(Line::message)
			.isEqualTo("Worker 'payments' crashed 1 more time in 1m, same as before: " + anonymous.getClass().getName()
					+ ": odd");
	}

	@ParameterizedTest
	@CsvSource({ "PT0S, 0ms", "PT0.25S, 250ms", "PT1S, 1s", "PT60S, 1m", "PT2M13S, 2m 13s", "PT1H0M5S, 1h 5s",
			"PT26H, 1d 2h", "PT59.999S, 59s" })
	void durationsAreForPeople(Duration duration, String text) {
		assertThat(CrashLog.text(duration)).isEqualTo(text);
	}

	@Test
	void rejectsASummaryIntervalThatIsNotPositiveAndAStreakUnderOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CrashLog("w", 3, Duration.ZERO, this.clock))
			.withMessageContaining("summaryInterval must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CrashLog("w", 3, Duration.ofSeconds(-1), this.clock))
			.withMessageContaining("summaryInterval");
		assertThatIllegalArgumentException().isThrownBy(() -> new CrashLog("w", 0, Duration.ofMinutes(1), this.clock))
			.withMessageContaining("recoveryAfter must be 1 or more, not 0");
	}

	/** Counts its reads of the time. */
	private static final class CountingClock extends Clock {

		private final Clock clock;

		private final AtomicInteger reads;

		CountingClock(Clock clock, AtomicInteger reads) {
			this.clock = clock;
			this.reads = reads;
		}

		@Override
		public Instant instant() {
			this.reads.incrementAndGet();
			return this.clock.instant();
		}

		@Override
		public ZoneId getZone() {
			return this.clock.getZone();
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
