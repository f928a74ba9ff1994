package dev.resilience.alarm;

import java.time.Duration;
import java.util.Objects;

/**
 * How an alarm is damped, as Alarmist's managed alarms are: a set becomes visible (to health,
 * handlers, remedies, observers and meters) only once the alarm has stayed set for
 * {@code debounce}; a clear becomes visible only once it has stayed clear for {@code hold}. Zero
 * makes that side immediate. Immutable.
 *
 * @param debounce how long an alarm must stay set before its set is visible, zero or more
 * @param hold how long an alarm must stay clear before its clear is visible, zero or more
 * @since 0.1.0
 */
public record AlarmRule(Duration debounce, Duration hold) {

	/** No damping: every set and clear is visible at once. */
	public static final AlarmRule IMMEDIATE = new AlarmRule(Duration.ZERO, Duration.ZERO);

	/**
	 * @param debounce how long an alarm must stay set before its set is visible, zero or more
	 * @param hold how long an alarm must stay clear before its clear is visible, zero or more
	 * @throws IllegalArgumentException if a duration is negative
	 */
	public AlarmRule {
		Objects.requireNonNull(debounce, "debounce");
		Objects.requireNonNull(hold, "hold");
		if (debounce.isNegative() || hold.isNegative()) {
			throw new IllegalArgumentException(
					"debounce and hold must be zero or positive, were " + debounce + " and " + hold);
		}
	}

}
