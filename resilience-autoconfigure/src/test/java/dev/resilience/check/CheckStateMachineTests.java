package dev.resilience.check;

import java.io.IOException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckStateMachineTests {

	private final CheckStateMachine machine = new CheckStateMachine("db", 3);

	@Test
	void startsDegradedBecauseNoCheckHasPassedYet() {
		assertThat(this.machine.state()).isEqualTo(CheckState.DEGRADED);
		assertThat(this.machine.snapshot().reason()).isEqualTo("no check has passed yet");
	}

	@Test
	void becomesConnectedOnlyAfterTheRequiredPassesInARow() {
		assertThat(this.machine.passed()).isFalse();
		assertThat(this.machine.passed()).isFalse();
		assertThat(this.machine.state()).isEqualTo(CheckState.DEGRADED);
		assertThat(this.machine.passed()).isTrue();
		assertThat(this.machine.state()).isEqualTo(CheckState.CONNECTED);
		assertThat(this.machine.snapshot().reason()).isNull();
	}

	@Test
	void anyFailureMakesItDegradedAndRestartsTheCount() {
		this.machine.passed();
		this.machine.passed();
		this.machine.passed();
		assertThat(this.machine.failed(new IOException("refused"), Instant.EPOCH)).isTrue();
		assertThat(this.machine.state()).isEqualTo(CheckState.DEGRADED);
		assertThat(this.machine.snapshot().consecutivePasses()).isZero();
		assertThat(this.machine.snapshot().lastFailure()).isEqualTo("java.io.IOException: refused");
		this.machine.passed();
		this.machine.passed();
		assertThat(this.machine.state()).isEqualTo(CheckState.DEGRADED);
	}

	@Test
	void aFailureBetweenPassesKeepsItDegraded() {
		this.machine.passed();
		this.machine.passed();
		assertThat(this.machine.failed(new IOException("flap"), Instant.EPOCH)).isFalse();
		this.machine.passed();
		this.machine.passed();
		assertThat(this.machine.state()).isEqualTo(CheckState.DEGRADED);
		this.machine.passed();
		assertThat(this.machine.state()).isEqualTo(CheckState.CONNECTED);
	}

}
