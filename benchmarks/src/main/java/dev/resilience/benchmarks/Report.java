package dev.resilience.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's figures (the {@code RAW} lines of every harness and wrk, JMH's CSV) into the
 * table run.sh prints: per figure, the baseline, ours, their ratio, the target and whether it is
 * met. Arguments: the results directory (holding {@code raw.txt} and {@code jmh.csv}).
 */
final class Report {

	private final Map<String, List<Double>> raw = new LinkedHashMap<>();

	private final Map<String, Double> jmh = new LinkedHashMap<>();

	private final List<String> rows = new ArrayList<>();

	private Report() {
	}

	static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		Report report = new Report();
		report.read(dir);
		String table = report.table();
		System.out.print(table);
		Files.writeString(dir.resolve("table.md"), table);
	}

	private void read(Path dir) throws IOException {
		RunResults.read(dir, this.raw, this.jmh);
	}

	private String table() {
		runOverhead();
		this.rows.addAll(ScheduleRows.rows(this.raw, this.jmh));
		clocks();
		crash();
		hung();
		logSoak();
		scale();
		startup();
		alarms();
		health();
		StringBuilder out = new StringBuilder();
		out.append("| benchmark | figure | baseline | ours | ours / baseline | target | met |\n");
		out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
		this.rows.forEach((row) -> out.append(row).append('\n'));
		return out.toString();
	}

	private void runOverhead() {
		Double plain = this.jmh.get("RunOverheadBenchmark.run.executor");
		String[][] variants = { { "spring-scheduled", "@Scheduled, plain Spring context" },
				{ "supervised", "supervised worker (runtime)" }, { "boot-scheduled", "@Scheduled, Boot app + Actuator" },
				{ "boot-starter", "@SupervisedWorker, Boot app + starter" } };
		for (String[] variant : variants) {
			Double ours = this.jmh.get("RunOverheadBenchmark.run." + variant[0]);
			boolean targeted = variant[0].equals("supervised");
			row("per-run overhead", variant[1] + ", ns/run (baseline: ScheduledThreadPoolExecutor)",
					withError("RunOverheadBenchmark.run.executor"), withError("RunOverheadBenchmark.run." + variant[0]),
					ratioText(ours, plain), targeted ? "≤ 1.3×" : "",
					targeted ? verdict(ratio(ours, plain), 1.3, true) : "");
		}
	}

	private void clocks() {
		row("clock reads", "ns per read (baseline: System.nanoTime; ours: Clock.systemUTC().instant)",
				withError("ClockBenchmark.nanoTime"), withError("ClockBenchmark.instant"),
				ratioText(this.jmh.get("ClockBenchmark.instant"), this.jmh.get("ClockBenchmark.nanoTime")), "", "");
	}

	private void crash() {
		for (String variant : new String[] { "supervised", "supervised-logged" }) {
			String label = variant.equals("supervised") ? "supervised, logs off" : "supervised, logs to a file";
			String p50 = variant.equals("supervised") ? "5" : "20";
			for (String[] p : new String[][] { { "p50", p50 }, { "p99", "200" }, { "p999", "" }, { "max", "" } }) {
				Double base = first("crash.baseline." + p[0] + "_us");
				Double ours = first("crash." + variant + "." + p[0] + "_us");
				boolean targeted = !p[1].isEmpty();
				row("crash → restarted", label + ", " + p[0] + " µs (baseline: catch + reschedule)", base, ours, "µs",
						targeted ? "≤ " + p[1] + " µs" : "",
						targeted ? verdict(ours, Double.parseDouble(p[1]), true) : "");
			}
		}
	}

	private void hung() {
		for (String variant : new String[] { "platform", "virtual" }) {
			Double workers = first("hung." + variant + ".workers");
			if (workers == null) {
				continue;
			}
			String label = workers.intValue() + " hung workers, " + variant + " threads: ";
			Double perWorker = first("hung." + variant + ".platform_threads_added_per_hung_worker");
			row("hung workers", label + "platform threads added per hung worker", "", number(perWorker),
					variant.equals("platform") ? "≤ 1" : "", variant.equals("platform") ? verdict(perWorker, 1.02, true) : "");
			row("hung workers", label + "run threads alive / waiting", "",
					join(first("hung." + variant + ".run_threads"), first("hung." + variant + ".run_threads_waiting")), "", "");
			Double cadence = first("hung." + variant + ".healthy_cadence_percent");
			row("hung workers", label + "healthy worker's cadence, % of 10 runs/s", "", number(cadence), "≥ 80 %",
					verdict(cadence, 80, false));
		}
	}

	private void logSoak() {
		Double seconds = first("soak.seconds");
		String figure = "sample, bug on, payments @ 100 ms, " + ((seconds != null) ? number(seconds) : "?") + " s: ";
		Double perCrash = first("soak.log_bytes_per_crash");
		row("crash logs (soak)", figure + "log bytes per crash", "", number(perCrash), "≤ 20 B",
				verdict(perCrash, 20, true));
		row("crash logs (soak)", figure + "crashes / log bytes after start-up", "",
				join(first("soak.crashes"), first("soak.log_bytes")), "", "");
	}

	private void scale() {
		Double workers = first("scale.supervised.workers");
		String n = (workers != null) ? String.format(Locale.ROOT, "%,d", workers.longValue()) : "?";
		Double cpuBase = first("scale.executor.cpu_share");
		Double cpuOurs = first("scale.supervised.cpu_share");
		row("scale", n + " workers @ 1 s: process CPU, % of one core (total)", pct(cpuBase), pct(cpuOurs), "%",
				"≤ 1.3×", verdict(ratio(cpuOurs, cpuBase), 1.3, true));
		Double cpuAdded = (cpuBase != null && cpuOurs != null) ? pct(cpuOurs - cpuBase) : null;
		row("scale", n + " workers @ 1 s: process CPU added by supervision (ours − baseline), % of one core", 0.0,
				cpuAdded, "%", "≤ 10 %", verdict(cpuAdded, 10, true));
		row("scale", n + " workers @ 1 s: pool threads' CPU, % of one core", pct(first("scale.executor.pool_cpu_share")),
				pct(first("scale.supervised.pool_cpu_share")), "%", "", "");
		row("scale", n + " workers @ 1 s: runs/s", first("scale.executor.runs_per_s"),
				first("scale.supervised.runs_per_s"), "", "", "");
		Double heapOurs = first("scale.supervised.heap_per_worker_bytes");
		row("scale", "retained heap per worker, bytes", first("scale.executor.heap_per_worker_bytes"), heapOurs, "B",
				"≤ 1,024 B", verdict(heapOurs, 1024, true));
		Double before = first("scale.supervised.threads_before");
		Double peak = first("scale.supervised.threads_peak");
		Double pool = first("scale.supervised.pool_size");
		Double added = (before != null && peak != null) ? peak - before : null;
		Double baseAdded = (first("scale.executor.threads_before") != null && first("scale.executor.threads_peak") != null)
				? first("scale.executor.threads_peak") - first("scale.executor.threads_before") : null;
		row("scale", "threads added (peak − before)", baseAdded, added, "",
				"≤ pool (" + ((pool != null) ? pool.intValue() : "?") + ")",
				(added != null && pool != null) ? verdict(added, pool, true) : "?");
	}

	private void startup() {
		Double sched = median("startup.scheduled.ms");
		Double starter = median("startup.starter.ms");
		Double diff = (sched != null && starter != null) ? starter - sched : null;
		int runs = this.raw.getOrDefault("startup.starter.ms", List.of()).size();
		row("start-up", "1,000 jobs: run() → ready, ms, median of " + runs + " (baseline: @Scheduled)", sched, starter,
				"ms", "", "");
		row("start-up", "1,000 jobs: added start-up time, ms", 0.0, diff, "ms", "≤ 300 ms", verdict(diff, 300, true));
	}

	private void alarms() {
		Double map = this.jmh.get("AlarmsBenchmark.map");
		Double alarms = this.jmh.get("AlarmsBenchmark.alarms");
		row("alarms", "set+clear pairs/s, one thread, no handler (baseline: map under a lock)",
				withError("AlarmsBenchmark.map"), withError("AlarmsBenchmark.alarms"), ratioText(alarms, map),
				"≥ 1,000,000/s", verdict(alarms, 1_000_000, false));
		Double sent = first("delivery.alarms.sent");
		row("alarms", "one handler: transitions sent/s", first("delivery.baseline.sent_per_s"),
				first("delivery.alarms.sent_per_s"), "/s", "100,000/s", verdict(first("delivery.alarms.sent_per_s"), 95_000, false));
		row("alarms", "one handler: delivered of " + ((sent != null) ? String.format(Locale.ROOT, "%,d", sent.longValue()) : "?"),
				first("delivery.baseline.delivered"), first("delivery.alarms.delivered"), "", "all",
				verdict(first("delivery.alarms.lost"), 0, true));
		row("alarms", "one handler: lost / dropped / out of order",
				join(first("delivery.baseline.lost"), first("delivery.baseline.dropped"), first("delivery.baseline.out_of_order")),
				join(first("delivery.alarms.lost"), first("delivery.alarms.dropped"), first("delivery.alarms.out_of_order")),
				"0 / 0 / 0", verdict(sum(first("delivery.alarms.lost"), first("delivery.alarms.dropped"),
						first("delivery.alarms.out_of_order")), 0, true));
		row("alarms", "one handler: handler thread CPU, ns per transition (baseline: consumer thread)",
				first("delivery.baseline.handler_thread_cpu_ns_per_transition"),
				first("delivery.alarms.handler_thread_cpu_ns_per_transition"), "ns", "", "");
		row("alarms", "one handler: handler-timeout timer thread CPU, ns per transition", null,
				first("delivery.alarms.timer_thread_cpu_ns_per_transition"), "ns", "", "");
		for (String p : new String[] { "p50", "p99", "max" }) {
			row("alarms", "one handler: lag call → handler, " + p + " µs", first("delivery.baseline.lag_" + p + "_us"),
					first("delivery.alarms.lag_" + p + "_us"), "µs", "", "");
		}
	}

	private void health() {
		row("health under load", "app idle (no requests), process CPU, % of one core",
				pct(first("health.bare.idle_cpu_share")), pct(first("health.starter.idle_cpu_share")), "%", "", "");
		for (String endpoint : new String[] { "health", "readiness" }) {
			String path = endpoint.equals("health") ? "/actuator/health" : "/actuator/health/readiness";
			row("health under load", path + ": achieved req/s", first("health.bare." + endpoint + ".rate"),
					first("health.starter." + endpoint + ".rate"), "/s", "1,000/s", "");
			row("health under load", path + ": p50 ms", first("health.bare." + endpoint + ".p50_ms"),
					first("health.starter." + endpoint + ".p50_ms"), "ms", "", "");
			Double p99 = first("health.starter." + endpoint + ".p99_ms");
			row("health under load", path + ": p99 ms", first("health.bare." + endpoint + ".p99_ms"), p99, "ms",
					"≤ 10 ms", verdict(p99, 10, true));
			row("health under load", path + ": app CPU per request, ms (process CPU during the run / requests)",
					first("health.bare." + endpoint + ".app_cpu_ms_per_request"),
					first("health.starter." + endpoint + ".app_cpu_ms_per_request"), "ms", "", "");
			row("health under load", path + ": non-2xx responses / socket errors",
					join(first("health.bare." + endpoint + ".non2xx"), first("health.bare." + endpoint + ".errors")),
					join(first("health.starter." + endpoint + ".non2xx"), first("health.starter." + endpoint + ".errors")),
					"", "");
		}
	}

	private void row(String benchmark, String figure, Double baseline, Double ours, String unit, String target,
			String met) {
		this.rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", benchmark, figure,
				number(baseline), number(ours), ratioText(ours, baseline), target, met));
	}

	private void row(String benchmark, String figure, String baseline, String ours, String target, String met) {
		row(benchmark, figure, baseline, ours, "", target, met);
	}

	private void row(String benchmark, String figure, String baseline, String ours, String ratio, String target,
			String met) {
		this.rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", benchmark, figure, baseline,
				ours, ratio, target, met));
	}

	/** A JMH score with its 99.9 % confidence half-width. */
	private String withError(String key) {
		Double score = this.jmh.get(key);
		Double error = this.jmh.get(key + ".error");
		if (score == null) {
			return "?";
		}
		return (error == null || error.isNaN()) ? number(score) : number(score) + " ± " + number(error);
	}

	private Double first(String key) {
		List<Double> values = this.raw.get(key);
		return (values == null || values.isEmpty()) ? null : values.get(values.size() - 1);
	}

	private Double median(String key) {
		List<Double> values = this.raw.get(key);
		if (values == null || values.isEmpty()) {
			return null;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static Double pct(Double share) {
		return (share != null) ? share * 100 : null;
	}

	private static Double ratio(Double ours, Double baseline) {
		return (ours != null && baseline != null && baseline != 0) ? ours / baseline : null;
	}

	private static Double sum(Double... values) {
		double total = 0;
		for (Double value : values) {
			if (value == null) {
				return null;
			}
			total += value;
		}
		return total;
	}

	private static String join(Double... values) {
		List<String> parts = new ArrayList<>();
		for (Double value : values) {
			parts.add(number(value));
		}
		return String.join(" / ", parts);
	}

	static String ratioText(Double ours, Double baseline) {
		Double ratio = ratio(ours, baseline);
		return (ratio != null) ? String.format(Locale.ROOT, "%.2f×", ratio) : "";
	}

	private static String verdict(Double value, double limit, boolean atMost) {
		if (value == null) {
			return "? (no figure)";
		}
		boolean met = atMost ? value <= limit : value >= limit;
		return met ? "yes" : "**MISSED**";
	}

	static String number(Double value) {
		if (value == null) {
			return "?";
		}
		double abs = Math.abs(value);
		if (abs >= 10_000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
