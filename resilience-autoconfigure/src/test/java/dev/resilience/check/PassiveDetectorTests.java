package dev.resilience.check;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.resilience.worker.Trigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link PassiveDetector} on a time of the test's: the threshold, the reset, the one
 * run per timeout, the CONNECTED gate and a trigger that starts no run.
 */
class PassiveDetectorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private static final IOException REFUSED = new IOException("refused");

	private final AtomicLong now = new AtomicLong(1_000);

	private final AtomicInteger triggers = new AtomicInteger();

	private final AtomicReference<Trigger> answer = new AtomicReference<>(Trigger.STARTED);

	private volatile boolean connected = true;

	@Test
	void threeFailuresInARowTriggerARunAndTwoDoNot() {
		PassiveDetector detector = detector(3);
		assertThat(detector.failed(REFUSED)).isFalse();
		assertThat(detector.failed(REFUSED)).isFalse();
		assertThat(this.triggers).hasValue(0);
		assertThat(detector.consecutiveFailures()).isEqualTo(2);
		assertThat(detector.failed(REFUSED)).isTrue();
		assertThat(this.triggers).hasValue(1);
		assertThat(detector.triggers()).isOne();
		PassiveDetector.Triggered triggered = detector.takeTriggered();
		assertThat(triggered.failures()).isEqualTo(3);
		assertThat(triggered.last()).isSameAs(REFUSED);
		assertThat(detector.takeTriggered()).as("taken once, by the triggered run").isNull();
	}

	@Test
	void aSuccessInBetweenResetsTheCount() {
		PassiveDetector detector = detector(3);
		detector.failed(REFUSED);
		detector.failed(REFUSED);
		detector.succeeded();
		assertThat(detector.consecutiveFailures()).isZero();
		detector.failed(REFUSED);
		detector.failed(REFUSED);
		assertThat(this.triggers).hasValue(0);
		detector.failed(REFUSED);
		assertThat(this.triggers).hasValue(1);
	}

	@Test
	void triggeredRunsComeAtMostOncePerTimeout() {
		PassiveDetector detector = detector(3);
		for (int i = 0; i < 1000; i++) {
			detector.failed(REFUSED);
		}
		assertThat(this.triggers).hasValue(1);
		this.now.addAndGet(TIMEOUT.toNanos() - 1);
		detector.failed(REFUSED);
		assertThat(this.triggers).as("one nanosecond short of the timeout").hasValue(1);
		this.now.addAndGet(1);
		detector.failed(REFUSED);
		assertThat(this.triggers).as("failures go on: the next timeout, the next run").hasValue(2);
	}

	@Test
	void aCheckThatIsNotConnectedIsNotTriggered() {
		PassiveDetector detector = detector(3);
		this.connected = false;
		for (int i = 0; i < 5; i++) {
			detector.failed(REFUSED);
		}
		assertThat(this.triggers).as("already out: its recovery takes the scheduled passing checks").hasValue(0);
		this.connected = true;
		detector.failed(REFUSED);
		assertThat(this.triggers).hasValue(1);
	}

	@Test
	void aTriggerThatStartsNoRunGivesTheSlotBack() {
		PassiveDetector detector = detector(3);
		this.answer.set(Trigger.RUN_IN_PROGRESS);
		detector.failed(REFUSED);
		detector.failed(REFUSED);
		assertThat(detector.failed(REFUSED)).isFalse();
		assertThat(detector.takeTriggered()).isNull();
		assertThat(detector.triggers()).isZero();
		this.answer.set(Trigger.STARTED);
		assertThat(detector.failed(REFUSED)).as("the next failure may try again at once").isTrue();
		assertThat(this.triggers).hasValue(2);
		assertThat(detector.triggers()).isOne();
	}

	@Test
	void zeroIsOff() {
		PassiveDetector detector = detector(0);
		for (int i = 0; i < 10; i++) {
			detector.failed(REFUSED);
		}
		assertThat(this.triggers).hasValue(0);
		assertThat(detector.consecutiveFailures()).isZero();
	}

	@Test
	void oneFailureTriggersWithAThresholdOfOne() {
		PassiveDetector detector = detector(1);
		assertThat(detector.failed(null)).isTrue();
		assertThat(detector.takeTriggered().last()).isNull();
	}

	@Test
	void aNegativeThresholdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> detector(-1))
			.withMessage("threshold of check 'db' must be 0 or more, was -1");
	}

	private PassiveDetector detector(int threshold) {
		return new PassiveDetector("db", threshold, TIMEOUT, this.now::get, () -> this.connected, () -> {
			this.triggers.incrementAndGet();
			return this.answer.get();
		});
	}

}
