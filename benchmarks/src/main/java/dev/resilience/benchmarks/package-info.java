/**
 * Benchmarks of the resilience starter, each side by side with a baseline measured in the same
 * run: JMH benchmarks ({@link dev.resilience.benchmarks.RunOverheadBenchmark},
 * {@link dev.resilience.benchmarks.AlarmsBenchmark}) and harnesses started by {@code benchmarks/run.sh}
 * through {@link dev.resilience.benchmarks.Main}. Not part of the default build: the module is in the
 * root pom's {@code benchmarks} profile.
 */
package dev.resilience.benchmarks;
