package dev.resilience.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.resilience.alarm.Alarm;
import dev.resilience.alarm.Alarms;
import dev.resilience.alarm.Severity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Alarm set+clear pairs per second on one thread, with no handler: {@link Alarms} (default
 * history of 100 transitions, no observer) against the floor of the same bookkeeping by hand, a
 * {@code HashMap} of {@link Alarm} records under a lock.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class AlarmsBenchmark {

	private Alarms alarms;

	private final Object lock = new Object();

	private final Map<String, Alarm> map = new HashMap<>();

	@Setup(Level.Trial)
	public void start() {
		this.alarms = Alarms.builder().build();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.alarms.close();
	}

	/** One set and one clear of an alarm, through {@link Alarms}. */
	@Benchmark
	public void alarms() {
		this.alarms.set("disk_full", Severity.MAJOR, "97% used");
		this.alarms.clear("disk_full");
	}

	/** The floor: put and remove of a new alarm record in a map under a lock. */
	@Benchmark
	public Object map() {
		synchronized (this.lock) {
			this.map.put("disk_full", new Alarm("disk_full", Severity.MAJOR, "97% used", java.time.Instant.now()));
		}
		synchronized (this.lock) {
			return this.map.remove("disk_full");
		}
	}

}
