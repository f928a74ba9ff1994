package dev.resilience.test;

import dev.resilience.check.CheckSnapshot;
import dev.resilience.check.CheckState;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on one dependency check as it was when its {@link CheckSnapshot} was taken.
 *
 * @since 0.1.0
 */
public class CheckAssert extends AbstractObjectAssert<CheckAssert, CheckSnapshot> {

	CheckAssert(CheckSnapshot actual) {
		super(actual, CheckAssert.class);
	}

	/** @return this, if the check is {@link CheckState#CONNECTED CONNECTED} */
	public CheckAssert isConnected() {
		return hasState(CheckState.CONNECTED);
	}

	/** @return this, if the check is {@link CheckState#DEGRADED DEGRADED} */
	public CheckAssert isDegraded() {
		return hasState(CheckState.DEGRADED);
	}

	/**
	 * @param expected passes in a row so far (the hysteresis' progress toward CONNECTED)
	 * @return this
	 */
	public CheckAssert hasConsecutivePasses(int expected) {
		isNotNull();
		if (this.actual.consecutivePasses() != expected) {
			failWithMessage("Expected check <%s> to have passed %s time(s) in a row but it passed %s of %s",
					this.actual.name(), expected, this.actual.consecutivePasses(), this.actual.passingChecks());
		}
		return this;
	}

	private CheckAssert hasState(CheckState expected) {
		isNotNull();
		if (this.actual.state() != expected) {
			failWithMessage("Expected check <%s> to be %s but it was %s%s", this.actual.name(), expected,
					this.actual.state(), (this.actual.reason() != null) ? " (" + this.actual.reason() + ")" : "");
		}
		return this;
	}

}
