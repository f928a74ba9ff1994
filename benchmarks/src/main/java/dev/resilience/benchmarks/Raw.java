package dev.resilience.benchmarks;

import java.util.Locale;

/**
 * Raw figures for {@link Report}: one {@code RAW <key> <value>} line each on standard output,
 * which run.sh collects.
 */
final class Raw {

	private Raw() {
	}

	static void put(String key, double value) {
		System.out.println(String.format(Locale.ROOT, "RAW %s %.6f", key, value));
		System.out.flush();
	}

}
