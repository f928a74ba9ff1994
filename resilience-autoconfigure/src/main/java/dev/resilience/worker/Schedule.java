package dev.resilience.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a worker runs: on a fixed delay, at a fixed rate, or on a cron expression. Runs of one
 * worker never overlap, whatever the schedule.
 *
 * @since 0.1.0
 */
public sealed interface Schedule permits Schedule.FixedDelay, Schedule.FixedRate, Schedule.Cron {

	/**
	 * @return the interval that stands for this schedule where one interval is needed: the
	 * derived restart intensity ({@code ceil(period / interval) + 1}), the cluster lock's
	 * shortest hold
	 */
	Duration interval();

	/**
	 * @param delay the delay between the end of one run and the start of the next, positive
	 * @return the schedule
	 */
	static Schedule fixedDelay(Duration delay) {
		return SharedValues.fixedDelay(delay);
	}

	/**
	 * @param rate the time between the starts of two runs, positive
	 * @return the schedule
	 */
	static Schedule fixedRate(Duration rate) {
		return new FixedRate(rate);
	}

	/**
	 * A delay between the end of one run and the start of the next: {@code @Scheduled(fixedDelay)}.
	 *
	 * @param delay the delay, positive
	 * @since 0.1.0
	 */
	record FixedDelay(Duration delay) implements Schedule {

		public FixedDelay {
			requirePositive("delay", delay);
		}

		@Override
		public Duration interval() {
			return this.delay;
		}

		@Override
		public String toString() {
			return "fixed delay " + this.delay;
		}

	}

	/**
	 * A time between the starts of two runs: {@code @Scheduled(fixedRate)}. A run that lasts
	 * longer than the rate is never overlapped: the next run starts late, as soon as it ends, and
	 * the ticks it missed are skipped (no burst of runs to catch up).
	 *
	 * @param rate the rate, positive
	 * @since 0.1.0
	 */
	record FixedRate(Duration rate) implements Schedule {

		public FixedRate {
			requirePositive("rate", rate);
		}

		@Override
		public Duration interval() {
			return this.rate;
		}

		@Override
		public String toString() {
			return "fixed rate " + this.rate;
		}

	}

	/**
	 * Fire times of a cron expression: {@code @Scheduled(cron, zone)}. The expression is parsed
	 * and evaluated outside the runtime (by Spring's {@code CronExpression} in the starter), which
	 * hands in the next fire time and the shortest gap between two fires
	 * ({@link NextFire#shortestGap(Instant)}).
	 *
	 * @param expression the expression, for people
	 * @param zone the time zone it is evaluated in, for people
	 * @param fires the next fire time after a given instant, or {@code null} if it never fires
	 * again
	 * @param shortestGap the shortest gap between two consecutive fires (over the next 24 hours)
	 * @since 0.1.0
	 */
	record Cron(String expression, String zone, NextFire fires, Duration shortestGap) implements Schedule {

		public Cron {
			Objects.requireNonNull(expression, "expression");
			Objects.requireNonNull(zone, "zone");
			Objects.requireNonNull(fires, "fires");
			requirePositive("shortestGap", shortestGap);
		}

		@Override
		public Duration interval() {
			return this.shortestGap;
		}

		@Override
		public String toString() {
			return "cron " + this.expression + " (" + this.zone + ")";
		}

	}

	/** The next fire time of a cron schedule. */
	@FunctionalInterface
	interface NextFire {

		/**
		 * @param after an instant
		 * @return the first fire time strictly after it, or {@code null} if there is none
		 */
		Instant after(Instant after);

		/**
		 * @param from the instant to look ahead from
		 * @return the shortest gap between two consecutive fires over the next 24 hours (at least
		 * two fires are looked at, so a daily or monthly schedule gets its real gap), or
		 * {@code null} if it fires fewer than twice
		 */
		default Duration shortestGap(Instant from) {
			Instant horizon = from.plus(Duration.ofHours(24));
			Instant previous = after(from);
			Duration shortest = null;
			// at most one fire a second for 24 hours
			for (int fires = 1; previous != null && fires < 86_401; fires++) {
				Instant next = after(previous);
				if (next == null) {
					break;
				}
				Duration gap = Duration.between(previous, next);
				shortest = (shortest == null || gap.compareTo(shortest) < 0) ? gap : shortest;
				if (next.isAfter(horizon)) {
					break;
				}
				previous = next;
			}
			return shortest;
		}

	}

	private static void requirePositive(String what, Duration value) {
		Objects.requireNonNull(value, what);
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(what + " must be a positive duration, was " + value);
		}
	}

}
