package dev.resilience.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that only moves when a test advances it, so time rules (restart windows, set
 * times) can be tested without waiting.
 */
public final class TestClock extends Clock {

	private volatile Instant now;

	/** A clock standing at 2025-01-01T00:00:00Z. */
	public TestClock() {
		this(Instant.parse("2025-01-01T00:00:00Z"));
	}

	/**
	 * @param now where the clock stands
	 */
	public TestClock(Instant now) {
		this.now = now;
	}

	/**
	 * @param duration how far to move the clock forward
	 * @return the new time
	 */
	public Instant advance(Duration duration) {
		this.now = this.now.plus(duration);
		return this.now;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}
