package dev.resilience.benchmarks;

import java.util.Arrays;

/** Percentiles of a sample of nanosecond figures. */
final class Percentiles {

	private final long[] sorted;

	Percentiles(long[] samples, int count) {
		this.sorted = Arrays.copyOf(samples, count);
		Arrays.sort(this.sorted);
	}

	/**
	 * @param p a percentile, 0 to 100
	 * @return the value at that percentile (nearest rank)
	 */
	long at(double p) {
		if (this.sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * this.sorted.length);
		return this.sorted[Math.max(0, Math.min(this.sorted.length - 1, rank - 1))];
	}

	long max() {
		return (this.sorted.length == 0) ? 0 : this.sorted[this.sorted.length - 1];
	}

	int count() {
		return this.sorted.length;
	}

}
