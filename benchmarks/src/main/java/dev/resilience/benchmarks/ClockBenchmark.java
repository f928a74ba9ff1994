package dev.resilience.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The price of reading the clocks on this machine: {@code System.nanoTime()} (what a
 * {@code ScheduledThreadPoolExecutor} reads) against {@code Clock.systemUTC().instant()} (what
 * the worker runtime reads twice per run, for its status). Explains part of the per-run
 * overhead: see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockBenchmark {

	private final Clock clock = Clock.systemUTC();

	@Benchmark
	public long nanoTime() {
		return System.nanoTime();
	}

	@Benchmark
	public Instant instant() {
		return this.clock.instant();
	}

}
