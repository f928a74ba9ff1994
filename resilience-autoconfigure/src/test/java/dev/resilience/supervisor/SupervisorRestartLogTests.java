package dev.resilience.supervisor;

import java.time.Duration;

import dev.resilience.testsupport.LogCapture;
import dev.resilience.testsupport.LogCapture.Line;
import dev.resilience.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The supervisor's restart line: INFO, unless the exit repeats one its child logged already
 * ({@link Exit#repeated}), then DEBUG, so a crash loop does not log a line per restart.
 */
class SupervisorRestartLogTests {

	private final TestChildren children = new TestChildren();

	private final LogCapture logs = LogCapture.of(Supervisor.class);

	@AfterEach
	void detach() {
		this.logs.close();
	}

	@Test
	void aFirstCrashIsRestartedAtInfoAndItsRepeatsAtDebug() {
		Supervisor supervisor = Supervisor.builder("payments")
			.intensity(new Intensity(10, Duration.ofSeconds(5)))
			.clock(new TestClock())
			.child(this.children.worker("payments"))
			.build();
		supervisor.start();
		IllegalStateException crash = new IllegalStateException("Invalid payment for job 88");
		this.children.current("payments").exit(Exit.abnormal(crash));
		this.children.current("payments").exit(Exit.repeated(crash));
		this.children.current("payments").exit(Exit.repeated(crash));
		String line = "Supervisor 'payments' restarting child 'payments' after " + crash;
		assertThat(this.logs.lines()).containsExactly(new Line("INFO", line, false), new Line("DEBUG", line, false),
				new Line("DEBUG", line, false));
		assertThat(supervisor.snapshot().restartsInWindow()).isEqualTo(3);
	}

	@Test
	void onlyAnAbnormalExitRepeats() {
		IllegalStateException crash = new IllegalStateException("boom");
		assertThat(Exit.repeated(crash)).isEqualTo(new Exit(Exit.Kind.ABNORMAL, crash, true));
		assertThat(Exit.repeated(crash).repeated()).isTrue();
		assertThat(Exit.abnormal(crash).repeated()).isFalse();
		assertThat(Exit.normal().repeated()).isFalse();
		assertThat(new Exit(Exit.Kind.NORMAL, null)).isEqualTo(Exit.normal());
		assertThatIllegalArgumentException().isThrownBy(() -> new Exit(Exit.Kind.NORMAL, null, true))
			.withMessageContaining("only an abnormal exit has a cause or repeats, not a NORMAL exit");
		assertThatIllegalArgumentException().isThrownBy(() -> new Exit(Exit.Kind.SHUTDOWN, crash, false));
	}

}
